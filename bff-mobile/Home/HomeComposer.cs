using BffPlatform.BffHosting.Upstream;
using BffPlatform.BffMobile.Catalog;
using BffPlatform.BffMobile.Orders;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Products;
using BffPlatform.ServiceDefaults.Auth;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Refit;

namespace BffPlatform.BffMobile.Home;

/// <summary>
/// Fetches the home parts from core-api in parallel. A part that fails stands alone: it is filled
/// from its last good value (stale) or left out (missing). The answer as a whole fails only when no
/// call reached core-api at all.
/// </summary>
internal sealed class HomeComposer(
    ICoreProductsApi products,
    ICoreOrdersApi orders,
    ICoreCartApi cart,
    IOptions<HomeOptions> options,
    HomeMemory memory)
{
    public async Task<(HomeDto? Home, UpstreamProblem? Failure)> ComposeAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var user = context.User.Identity?.IsAuthenticated == true ? context.User.SubjectId() : null;

        var featuredTask = FetchAsync("featured", () => products.ListAsync(new ProductQuery { PageSize = o.FeaturedCount }, cancellationToken),
            page => (IReadOnlyList<ProductCardDto>)[.. page.Items.Select(ProductCardDto.Of)]);
        var ordersTask = user is null
            ? Task.FromResult(HomePart<IReadOnlyList<OrderCardDto>>.SignedOut)
            : FetchAsync("orders:" + user, () => orders.ListAsync(new OrderQuery { PageSize = o.RecentOrderCount }, cancellationToken),
                page => (IReadOnlyList<OrderCardDto>)[.. page.Items.Select(OrderCardDto.Of)]);
        var cartTask = user is null
            ? Task.FromResult(HomePart<int?>.SignedOut)
            : FetchAsync("cart:" + user, () => cart.GetAsync(cancellationToken), c => (int?)c.ItemCount);
        await Task.WhenAll(featuredTask, ordersTask, cartTask);

        var (featured, recent, count) = (featuredTask.Result, ordersTask.Result, cartTask.Result);
        var asked = new[] { (featured.State, featured.Unreachable, featured.Failure), (recent.State, recent.Unreachable, recent.Failure), (count.State, count.Unreachable, count.Failure) }
            .Where(p => p.State != HomePartState.SignedOut)
            .ToList();
        if (asked.All(p => p.Unreachable))
        {
            return (null, asked[0].Failure);
        }
        return (new HomeDto(featured.Value, recent.Value, count.Value, new HomePartsDto(featured.State, recent.State, count.State)), null);
    }

    private async Task<HomePart<T>> FetchAsync<TCore, T>(string part, Func<Task<IApiResponse<TCore>>> call, Func<TCore, T> shape)
    {
        var response = await call();
        if (response.IsSuccessful && response.Content is { } content)
        {
            var value = shape(content);
            memory.Remember(part, value);
            return new HomePart<T>(value, HomePartState.Fresh, null, false);
        }
        var failure = UpstreamResults.Problem(response);
        var unreachable = response.HasRequestError(out _);
        return memory.Recall<T>(part, out var last)
            ? new HomePart<T>(last, HomePartState.Stale, failure, unreachable)
            : new HomePart<T>(default, HomePartState.Missing, failure, unreachable);
    }
}

/// <summary>The last good value of each home part (per user for theirs), kept <see cref="HomeOptions.StaleFor"/>.</summary>
internal sealed class HomeMemory(IOptions<HomeOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxRemembered });

    public void Remember<T>(string part, T value)
    {
        if (options.Value.StaleFor <= TimeSpan.Zero) return;
        _cache.Set(part, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.StaleFor });
    }

    public bool Recall<T>(string part, out T? value) => _cache.TryGetValue(part, out value);

    public void Dispose() => _cache.Dispose();
}
