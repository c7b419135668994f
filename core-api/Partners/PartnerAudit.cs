using System.Security.Claims;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Paging;
using BffPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// The audit log of staff actions on partners and keys. An entry is only ADDED to the DbContext,
/// so it is saved with the change it describes, in the same SaveChanges: no change without its
/// entry, no entry without its change.
/// </summary>
public static class PartnerAudit
{
    /// <summary>Keyset position: the id of the last entry of a page (newest first).</summary>
    public sealed record ListCursor(long I);

    public static void Append(CoreDbContext db, ClaimsPrincipal actor, string action, Guid? partnerId, Guid? keyId, string summary, DateTimeOffset now) =>
        db.PartnerAudit.Add(new PartnerAuditEntry
        {
            At = now,
            Actor = actor.SubjectId() ?? "",
            ActorName = actor.FindFirstValue("name"),
            Action = action,
            PartnerId = partnerId,
            KeyId = keyId,
            Summary = summary,
        });

    public static RouteHandlerBuilder MapPartnerAudit(this RouteGroupBuilder partners) =>
        partners.MapGet("/audit", List)
            .RequireAuthorization(Policies.PartnersAdmin)
            .WithName("ListPartnerAudit")
            .WithSummary("Staff actions on partners and keys (who, what, when), newest first; optionally of one partner. Cursor paging.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<Page<PartnerAuditEntryDto>>, ProblemHttpResult>> List(
        Guid? partnerId, string? cursor, int? pageSize, CoreDbContext db, CancellationToken cancellationToken)
    {
        if (!Pagination.TryPageSize(pageSize, out var sizeProblem, out var size))
        {
            return sizeProblem;
        }
        if (!Cursor<ListCursor>.TryDecode(cursor, out var after))
        {
            return Pagination.InvalidCursor();
        }
        var entries = db.PartnerAudit.AsNoTracking();
        if (partnerId is { } partner)
        {
            entries = entries.Where(e => e.PartnerId == partner);
        }
        if (after is not null)
        {
            entries = entries.Where(e => e.Id < after.I);
        }
        var rows = await entries.OrderByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var items = rows.Take(size)
            .Select(e => new PartnerAuditEntryDto(e.Id, e.At, e.Actor, e.ActorName, e.Action, e.PartnerId, e.KeyId, e.Summary))
            .ToList();
        var next = rows.Count > size ? Cursor<ListCursor>.Encode(new ListCursor(items[^1].Id)) : null;
        return TypedResults.Ok(new Page<PartnerAuditEntryDto>(items, next));
    }
}
