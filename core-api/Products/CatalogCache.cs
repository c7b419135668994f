using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Products.Cache;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Products;

/// <summary>
/// Catalog reads served from HybridCache: process memory (L1), and Redis (L2) when the platform is
/// scaled out. Keys carry generation stamps (one per product, one for all lists, see
/// <see cref="ICatalogGenerations"/>); <see cref="InvalidateAsync"/> raises them, so a reader that
/// loaded old data before a change can only store it under a key nobody asks for any more, in
/// either level. Call it AFTER the change is committed (product edits here; stock changes from
/// orders). While the generations cannot be trusted (scaled out, Redis unreachable) every read goes
/// to the database.
/// A load runs on a database context of its own: HybridCache shares one load among concurrent
/// callers, so a context borrowed from the first caller's request was disposed under the others
/// when that request ended first (500s under load).
/// </summary>
public sealed class CatalogCache(
    HybridCache cache, ICatalogGenerations generations, IServiceScopeFactory scopes, IOptions<CatalogOptions> options, IOptions<JsonOptions> json)
{
    private HybridCacheEntryOptions EntryOptions => new()
    {
        Expiration = options.Value.CacheDuration,
        LocalCacheExpiration = options.Value.CacheDuration,
    };

    /// <summary>A product (active or not) by id; null is cached too (until that id changes).</summary>
    public async ValueTask<ProductDto?> GetProductAsync(
        Guid id, Func<CoreDbContext, Guid, CancellationToken, Task<ProductDto?>> load, CancellationToken cancellationToken)
    {
        if (generations.Current is not { } table)
        {
            return await WithDbAsync(scopes, db => load(db, id, cancellationToken));
        }
        var entry = await cache.GetOrCreateAsync(
            ProductKey(table, id),
            (id, load, scopes),
            static async (state, ct) => new CachedProduct(await WithDbAsync(state.scopes, db => state.load(db, state.id, ct))),
            EntryOptions,
            cancellationToken: cancellationToken);
        return entry.Product;
    }

    /// <summary>
    /// A page of a list query as the JSON an answer carries, rendered once when it is cached;
    /// <paramref name="queryKey"/> must capture everything the page depends on.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> GetPageJsonAsync(
        string queryKey, Func<CoreDbContext, CancellationToken, Task<Page<ProductDto>>> load, CancellationToken cancellationToken)
    {
        if (generations.Current is not { } table)
        {
            return JsonSerializer.SerializeToUtf8Bytes(await WithDbAsync(scopes, db => load(db, cancellationToken)), json.Value.SerializerOptions);
        }
        var entry = await cache.GetOrCreateAsync(
            ListKey(table, "page", queryKey),
            (load, json.Value.SerializerOptions, scopes),
            static async (state, ct) => new CachedPage(JsonSerializer.SerializeToUtf8Bytes(
                await WithDbAsync(state.scopes, db => state.load(db, ct)), state.SerializerOptions)),
            EntryOptions,
            cancellationToken: cancellationToken);
        return entry.Json;
    }

    public async ValueTask<IReadOnlyList<string>> GetCategoriesAsync(
        bool includeInactive, Func<CoreDbContext, CancellationToken, Task<IReadOnlyList<string>>> load, CancellationToken cancellationToken)
    {
        if (generations.Current is not { } table)
        {
            return await WithDbAsync(scopes, db => load(db, cancellationToken));
        }
        var entry = await cache.GetOrCreateAsync(
            ListKey(table, "categories", includeInactive ? "all" : "active"),
            (load, scopes),
            static async (state, ct) => new CachedCategories(await WithDbAsync(state.scopes, db => state.load(db, ct))),
            EntryOptions,
            cancellationToken: cancellationToken);
        return entry.Categories;
    }

    /// <summary>
    /// Forgets everything cached about these products and every list. Call after the
    /// transaction that changed them commits.
    /// </summary>
    public async Task InvalidateAsync(IEnumerable<Guid> productIds, CancellationToken cancellationToken = default)
    {
        var ids = productIds.Distinct().ToList();
        var before = generations.Current;
        await generations.RaiseAsync(ids, cancellationToken);
        // Free the superseded entries now rather than at expiry; not while Redis is unreachable
        // (an L2 removal would wait out the client's timeout).
        if (before is not null && generations.Current is not null)
        {
            foreach (var id in ids)
            {
                await cache.RemoveAsync(ProductKey(before, id), cancellationToken);
            }
        }
    }

    private static async Task<T> WithDbAsync<T>(IServiceScopeFactory scopes, Func<CoreDbContext, Task<T>> load)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await load(scope.ServiceProvider.GetRequiredService<CoreDbContext>());
    }

    private static string ProductKey(CatalogGenerationTable table, Guid id) => $"catalog:product:{id:N}:{table.Epoch}.{table.Product(id)}";

    private static string ListKey(CatalogGenerationTable table, string kind, string queryKey)
    {
        // HybridCache refuses very long keys; queries with long search terms or cursors are hashed.
        var key = queryKey.Length <= 200 ? queryKey : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(queryKey)));
        return $"catalog:{kind}:{table.Epoch}.{table.Lists}:{key}";
    }

    // Sealed and immutable: HybridCache hands out the same instance instead of re-deserializing.
    [ImmutableObject(true)]
    private sealed record CachedProduct(ProductDto? Product);

    [ImmutableObject(true)]
    private sealed record CachedPage(byte[] Json);

    [ImmutableObject(true)]
    private sealed record CachedCategories(IReadOnlyList<string> Categories);
}
