using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Orders;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Sync;

/// <summary>
/// Reads a customer's order changes after a sync token: the next <c>limit</c> change rows in
/// sequence order, each order once in the state of its last change read, and the token of the last row read.
/// </summary>
public sealed class OrderChangeFeed(CoreDbContext db, SyncToken tokens, TimeProvider time, IOptions<SyncOptions> options)
{
    public async Task<Results<Ok<OrderChangesDto>, ProblemHttpResult>> ReadAsync(
        string customerId, string? since, int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // No token: from the start. The cleanup keeps every order's latest change, so this is a full sync.
        long after = 0;
        if (!string.IsNullOrEmpty(since))
        {
            if (!tokens.TryRead(since, customerId, out var position))
            {
                return SyncProblems.InvalidToken();
            }
            if (position!.IssuedAt < now - options.Value.Retention)
            {
                return SyncProblems.Expired(options.Value.Retention);
            }
            after = position.Sequence;
        }

        // One statement: it sees a prefix of the customer's sequence, because number n+1 never
        // commits before n (OrderChangeLog), so nothing below the returned position can appear later.
        var rows = await db.OrderChanges.AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.Sequence > after)
            .OrderBy(c => c.Sequence)
            .Take(limit + 1)
            .Select(c => new { c.Sequence, c.OrderId })
            .ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var reached = page.Count > 0 ? page[^1].Sequence : after;

        // Oldest change first, each order once (at its last change in this page). An order that has
        // changed again past this page is left out, in the same statement that reads it: its state
        // is that later change's, which the next page returns; returning it here too would show
        // one state twice.
        var ids = page.GroupBy(r => r.OrderId).OrderBy(g => g.Max(r => r.Sequence)).Select(g => g.Key).ToList();
        var current = db.Orders.AsNoTracking()
            .Where(o => ids.Contains(o.Id) && !db.OrderChanges.Any(c => c.OrderId == o.Id && c.Sequence > reached));
        var summaries = (await OrderReads.SummariesAsync(db, current, cancellationToken)).ToDictionary(o => o.Id);
        var orders = ids.Where(summaries.ContainsKey).Select(id => summaries[id]).ToList();

        var token = tokens.Issue(new SyncPosition(customerId, reached, now));
        return TypedResults.Ok(new OrderChangesDto(orders, token, More: rows.Count > limit));
    }
}

internal static class SyncProblems
{
    public static ProblemHttpResult InvalidToken() =>
        Problem.Of(StatusCodes.Status400BadRequest, ErrorCodes.InvalidSyncToken, "The sync token is not valid.",
            "Send back the since of the last answer unchanged, or sync in full without it.");

    public static ProblemHttpResult Expired(TimeSpan retention) =>
        Problem.Of(StatusCodes.Status410Gone, ErrorCodes.SyncTokenExpired, "The sync token has expired.",
            $"Tokens are honoured for {retention.TotalDays:0.##} days; sync in full (without since) and keep the new token.");
}
