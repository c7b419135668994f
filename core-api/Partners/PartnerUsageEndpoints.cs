using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Data;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// Usage per key and UTC day. public-api instances (reporters) send ABSOLUTE counts per (reporter,
/// key, day), so a report sent twice replaces itself instead of counting twice; a day's usage is
/// the sum over reporters. A reporter's counts only grow, so a row keeps the larger of what it holds
/// and what arrives: scaled out, every instance reports the same shared totals (one reporter), and
/// a report read a moment earlier that arrives after a newer one must not take the figure back.
/// </summary>
public static class PartnerUsageEndpoints
{
    public static RouteGroupBuilder MapPartnerUsage(this RouteGroupBuilder partners)
    {
        partners.MapPut("/usage", Report)
            .RequireAuthorization(Policies.PartnersAct)
            .WithName("ReportPartnerUsage")
            .WithSummary("Absolute counts per (reporter, key, UTC day); a repeated or late report never counts twice nor lowers a count (public-api only).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        partners.MapGet("/{id:guid}/usage", Read)
            .RequireAuthorization(Policies.PartnerUsageRead)
            .WithName("GetPartnerUsage")
            .WithSummary($"Requests per key and day, summed over reporters; from/to default to the last {PartnerLimits.DefaultUsageRangeDays} days (staff, or public-api for this very partner).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return partners;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Report(
        UsageReportRequest request, CoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = PartnerValidation.Validate(request, DateOnly.FromDateTime(now.UtcDateTime));
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        var keyIds = request.Counts.Select(c => c.KeyId).Distinct().ToList();
        var partnerOf = await db.ApiKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id))
            .ToDictionaryAsync(k => k.Id, k => k.PartnerId, cancellationToken);
        for (var i = 0; i < request.Counts.Count; i++)
        {
            if (!partnerOf.ContainsKey(request.Counts[i].KeyId)) errors[$"counts[{i}].keyId"] = ["Unknown key."];
        }
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        // Two retries of one report may race; the primary key makes one of them fail, and its
        // second run then finds the row and replaces it (the report sets counts, never adds).
        await RaceRetry.RunAsync(db, ct => StoreAsync(db, request, partnerOf, now, ct), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task StoreAsync(
        CoreDbContext db, UsageReportRequest request, Dictionary<Guid, Guid> partnerOf, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var keyIds = partnerOf.Keys.ToList();
        var firstDay = request.Counts.Min(c => c.Day);
        var lastDay = request.Counts.Max(c => c.Day);
        var existing = await db.PartnerUsage
            .Where(u => u.Reporter == request.Reporter && keyIds.Contains(u.KeyId) && u.Day >= firstDay && u.Day <= lastDay)
            .ToListAsync(cancellationToken);
        var rows = existing.ToDictionary(u => (u.KeyId, u.Day));
        foreach (var count in request.Counts)
        {
            if (!rows.TryGetValue((count.KeyId, count.Day), out var row))
            {
                row = new PartnerUsage { Reporter = request.Reporter, KeyId = count.KeyId, Day = count.Day, PartnerId = partnerOf[count.KeyId] };
                db.PartnerUsage.Add(row);
            }
            row.Requests = Math.Max(row.Requests, count.Requests);
            row.Rejected = Math.Max(row.Rejected, count.Rejected);
            row.ReportedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);

        foreach (var used in request.Counts.Where(c => c.Requests > 0).GroupBy(c => c.KeyId))
        {
            var day = used.Max(c => c.Day);
            var on = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            // Only ever forward: a late report of an older day does not move it back.
            await db.ApiKeys.Where(k => k.Id == used.Key && (k.LastUsedOn == null || k.LastUsedOn < on))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedOn, on), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Results<Ok<IReadOnlyList<UsageDayDto>>, ProblemHttpResult>> Read(
        Guid id, DateOnly? from, DateOnly? to, HttpContext http, CoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (AuthorizationSetup.IsPartnerActor(http.User) && http.PartnerCaller()?.PartnerId != id)
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "public-api reads the usage of the partner it acts for only.",
                $"Send {PartnerHeaders.Partner} with the partner of the path.");
        }
        var end = to ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = from ?? end.AddDays(1 - PartnerLimits.DefaultUsageRangeDays);
        var errors = PartnerValidation.ValidateRange(start, end);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        if (!await db.Partners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problem.NotFound("The partner");
        }
        var days = await db.PartnerUsage.AsNoTracking()
            .Where(u => u.PartnerId == id && u.Day >= start && u.Day <= end)
            .GroupBy(u => new { u.KeyId, u.Day })
            .Select(g => new { g.Key.KeyId, g.Key.Day, Requests = g.Sum(u => u.Requests), Rejected = g.Sum(u => u.Rejected) })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<UsageDayDto>>(days
            .OrderBy(d => d.Day).ThenBy(d => d.KeyId)
            .Select(d => new UsageDayDto(d.KeyId, d.Day, d.Requests, d.Rejected))
            .ToList());
    }
}
