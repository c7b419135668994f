using BffPlatform.Contracts.Partners;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// Bound from <c>Partners:Demo</c>: the demo partner of Development, with keys whose secrets are
/// checked in (appsettings.Development.json) so <c>./run.sh</c> can print one. Seeded only when
/// the environment is Development and demo data is on; a key given here must be a valid
/// <see cref="ApiKeyFormat"/> string of the right kind.
/// </summary>
public sealed class DemoPartnerOptions
{
    public const string SectionName = "Partners:Demo";

    public string? Name { get; set; }
    public string Plan { get; set; } = "free";
    /// <summary>A <c>bp_test_</c> key holding every partner scope.</summary>
    public string? TestKey { get; set; }
    /// <summary>A <c>bp_pub_</c> key (catalog:read).</summary>
    public string? PublishableKey { get; set; }

    public bool Configured => !string.IsNullOrEmpty(Name);
}

internal sealed class DemoPartnerOptionsValidator : IValidateOptions<DemoPartnerOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoPartnerOptions options)
    {
        if (!options.Configured)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        var partner = PartnerValidation.Validate(new CreatePartnerRequest(options.Name!, options.Plan));
        failures.AddRange(partner.Select(e => $"{DemoPartnerOptions.SectionName}:{char.ToUpperInvariant(e.Key[0])}{e.Key[1..]}: {string.Join(" ", e.Value)}"));
        CheckKey(failures, nameof(DemoPartnerOptions.TestKey), options.TestKey, ApiKeyKinds.Test);
        CheckKey(failures, nameof(DemoPartnerOptions.PublishableKey), options.PublishableKey, ApiKeyKinds.Publishable);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckKey(List<string> failures, string field, string? key, string kind)
    {
        if (string.IsNullOrEmpty(key))
        {
            return;
        }
        if (!ApiKeyFormat.TryParse(key, out var parsed) || parsed.Kind != kind)
        {
            // Never the value itself: it is a secret, even a demo one.
            failures.Add($"{DemoPartnerOptions.SectionName}:{field} must be a valid bp_{kind}_ key (prefix, length, checksum).");
        }
    }
}
