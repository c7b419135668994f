using BffPlatform.ServiceDefaults.DataProtection;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Orders;
using BffPlatform.ServiceDefaults.Hosting;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Sync;

public static class SyncEndpoints
{
    /// <summary>The feed, its options (validated at start-up), the token protector and the cleanup.</summary>
    public static IHostApplicationBuilder AddSync(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SyncOptions>()
            .Bind(builder.Configuration.GetSection(SyncOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>();
        // Tokens must outlive a restart (an app keeps its token for weeks): the keys live in the data folder.
        builder.AddPlatformDataProtection(Data.DatabaseOptions.ServiceName);
        builder.Services.AddSingleton<SyncToken>();
        builder.Services.AddScoped<OrderChangeFeed>();
        builder.Services.AddSingleton<OrderChangeCleanup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OrderChangeCleanup>());
        return builder;
    }

    /// <summary><c>GET /orders/changes</c> on the orders group.</summary>
    public static RouteGroupBuilder MapOrderChanges(this RouteGroupBuilder orders)
    {
        orders.MapGet("/changes", GetChanges)
            .RequireAuthorization(Policies.OrdersRead)
            .WithName("GetOrderChanges")
            .WithSummary("The caller's own orders changed since a sync token (none: a full sync), oldest change first, each once in its latest state, "
                + "with the token to send next; while more is true, call again at once. A token that is not ours is 400 invalid_sync_token, "
                + "one older than the retention 410 sync_token_expired.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status410Gone);
        return orders;
    }

    private static async Task<Results<Ok<OrderChangesDto>, ProblemHttpResult>> GetChanges(
        string? since, int? limit, HttpContext http, OrderChangeFeed feed, CancellationToken cancellationToken)
    {
        var size = limit ?? PagingLimits.DefaultPageSize;
        if (size is < 1 or > PagingLimits.MaxPageSize)
        {
            return Problem.Validation("limit", $"Must be between 1 and {PagingLimits.MaxPageSize}.");
        }
        // The caller's own sync, staff and services included: this is not an admin listing.
        // A partner's live and test orders share an owner; the environment its key acts in picks which it sees.
        return await feed.ReadAsync(OrderScope.OwnerId(http), since, size, OrderScope.Of(http).Test, cancellationToken);
    }
}
