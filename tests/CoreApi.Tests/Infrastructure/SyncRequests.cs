using System.Net;
using BffPlatform.Contracts.Orders;

namespace BffPlatform.CoreApi.Tests.Infrastructure;

/// <summary>The order change feed, as an app's sync loop calls it.</summary>
public static class SyncRequests
{
    public static Task<HttpResponseMessage> GetChangesAsync(this HttpClient client, string? since = null, int? limit = null)
    {
        var query = new List<string>();
        if (since is not null) query.Add("since=" + Uri.EscapeDataString(since));
        if (limit is not null) query.Add($"limit={limit}");
        return client.GetAsync("/api/v1/orders/changes" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
    }

    public static async Task<OrderChangesDto> ChangesAsync(this HttpClient client, string? since = null, int? limit = null)
    {
        var response = await client.GetChangesAsync(since, limit);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync<OrderChangesDto>();
    }

    /// <summary>Pages until <c>More</c> is false; returns every page's orders in order and the last token.</summary>
    public static async Task<(List<OrderSummaryDto> Orders, string Since)> SyncAsync(this HttpClient client, string? since = null, int? limit = null)
    {
        var orders = new List<OrderSummaryDto>();
        while (true)
        {
            var page = await client.ChangesAsync(since, limit);
            orders.AddRange(page.Orders);
            since = page.Since;
            if (!page.More) return (orders, since);
        }
    }
}
