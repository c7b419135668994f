using System.Text.RegularExpressions;
using BffPlatform.Contracts.Partners;

namespace BffPlatform.CoreApi.Partners;

public static class PartnerLimits
{
    public const int NameMaxLength = 100;
    public const int PlanMaxLength = 40;
    public const int KeyNameMaxLength = 100;
    public const int ReporterMaxLength = 64;
    /// <summary>A rolled key keeps working for at most a week: long enough to redeploy, short enough to matter.</summary>
    public const int MaxOverlapHours = 168;
    public const int MaxUsageCountsPerReport = 1000;
    public const int MaxUsageRangeDays = 366;
    public const int DefaultUsageRangeDays = 30;
}

/// <summary>Field rules for partners, keys and usage reports; error keys are the JSON field names.</summary>
public static partial class PartnerValidation
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex PlanPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
    private static partial Regex ReporterPattern();

    public static Dictionary<string, string[]> Validate(CreatePartnerRequest r) => ValidatePartner(r.Name, r.Plan);

    public static Dictionary<string, string[]> Validate(UpdatePartnerRequest r) => ValidatePartner(r.Name, r.Plan);

    private static Dictionary<string, string[]> ValidatePartner(string? name, string? plan)
    {
        var errors = new Dictionary<string, string[]>();
        if (Text(name, PartnerLimits.NameMaxLength) is { } nameError) errors["name"] = [nameError];
        if (string.IsNullOrEmpty(plan)) errors["plan"] = ["Required."];
        else if (plan.Length > PartnerLimits.PlanMaxLength) errors["plan"] = [$"At most {PartnerLimits.PlanMaxLength} characters."];
        else if (!PlanPattern().IsMatch(plan)) errors["plan"] = ["Lower-case letters, digits and '-' only, starting with a letter or digit."];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(IssueApiKeyRequest r, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (Text(r.Name, PartnerLimits.KeyNameMaxLength) is { } nameError) errors["name"] = [nameError];
        var kindKnown = r.Kind is ApiKeyKinds.Live or ApiKeyKinds.Test or ApiKeyKinds.Publishable;
        if (!kindKnown) errors["kind"] = [$"One of {ApiKeyKinds.Live}, {ApiKeyKinds.Test}, {ApiKeyKinds.Publishable}."];
        if (r.Scopes is null || r.Scopes.Count == 0) errors["scopes"] = ["At least one scope."];
        else if (r.Scopes.FirstOrDefault(s => !PartnerScopes.All.Contains(s)) is { } unknown)
            errors["scopes"] = [$"Unknown scope '{unknown}'; known: {string.Join(", ", PartnerScopes.All)}."];
        else if (r.Scopes.Distinct(StringComparer.Ordinal).Count() != r.Scopes.Count) errors["scopes"] = ["Each scope at most once."];
        else if (r.Kind == ApiKeyKinds.Publishable && r.Scopes.Any(s => s != PartnerScopes.CatalogRead))
            errors["scopes"] = [$"A publishable key is meant for browser code and may hold {PartnerScopes.CatalogRead} only."];
        if (r.ExpiresAt is { } expires && expires <= now) errors["expiresAt"] = ["Must be in the future."];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(RollApiKeyRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        if (r.OverlapHours is < 0 or > PartnerLimits.MaxOverlapHours)
            errors["overlapHours"] = [$"Between 0 and {PartnerLimits.MaxOverlapHours}."];
        return errors;
    }

    /// <summary>Days may be yesterday's late report or today's; not the future beyond a clock's skew, nor older than the usage kept.</summary>
    public static Dictionary<string, string[]> Validate(UsageReportRequest r, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(r.Reporter)) errors["reporter"] = ["Required: the reporting instance's name."];
        else if (r.Reporter.Length > PartnerLimits.ReporterMaxLength) errors["reporter"] = [$"At most {PartnerLimits.ReporterMaxLength} characters."];
        else if (!ReporterPattern().IsMatch(r.Reporter)) errors["reporter"] = ["Letters, digits, '.', '_', ':' and '-' only, starting with a letter or digit."];
        if (r.Counts is null) errors["counts"] = ["Required."];
        else if (r.Counts.Count > PartnerLimits.MaxUsageCountsPerReport) errors["counts"] = [$"At most {PartnerLimits.MaxUsageCountsPerReport} entries per report."];
        else
        {
            for (var i = 0; i < r.Counts.Count; i++)
            {
                var c = r.Counts[i];
                if (c is null) { errors[$"counts[{i}]"] = ["Required."]; continue; }
                if (c.Requests < 0) errors[$"counts[{i}].requests"] = ["Must not be negative."];
                if (c.Rejected < 0 || (c.Requests >= 0 && c.Rejected > c.Requests)) errors[$"counts[{i}].rejected"] = ["Between 0 and requests."];
                if (c.Day > today.AddDays(1) || c.Day < today.AddDays(-PartnerLimits.MaxUsageRangeDays))
                    errors[$"counts[{i}].day"] = [$"A UTC day within the last {PartnerLimits.MaxUsageRangeDays} days."];
            }
            var duplicate = r.Counts.Where(c => c is not null).GroupBy(c => (c.KeyId, c.Day)).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null && !errors.ContainsKey("counts"))
                errors["counts"] = [$"Key {duplicate.Key.KeyId} on {duplicate.Key.Day:yyyy-MM-dd} appears more than once."];
        }
        return errors;
    }

    public static Dictionary<string, string[]> ValidateRange(DateOnly from, DateOnly to)
    {
        var errors = new Dictionary<string, string[]>();
        if (from > to) errors["from"] = ["Must not be after 'to'."];
        else if (to.DayNumber - from.DayNumber >= PartnerLimits.MaxUsageRangeDays)
            errors["to"] = [$"At most {PartnerLimits.MaxUsageRangeDays} days from 'from'."];
        return errors;
    }

    private static string? Text(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? "Required."
        : value.Length > max ? $"At most {max} characters."
        : value.Any(char.IsControl) ? "No control characters."
        : value.Trim() != value ? "No leading or trailing spaces."
        : null;
}
