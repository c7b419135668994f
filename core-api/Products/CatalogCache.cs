using System.Collections.Concurrent;
using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Products;

/// <summary>
/// Catalog reads served from HybridCache. Keys carry a generation stamp (one per product, one
/// for all lists); <see cref="InvalidateAsync"/> bumps the stamps, so a reader that loaded old
/// data before a change can only store it under a key nobody asks for any more. Call it AFTER
/// the change is committed (product edits here; stock changes from orders).
/// </summary>
public sealed class CatalogCache(HybridCache cache, IOptions<CatalogOptions> options, IOptions<JsonOptions> json)
{
    private readonly ConcurrentDictionary<Guid, long> _productGenerations = new();
    private long _listGeneration;

    private HybridCacheEntryOptions EntryOptions => new()
    {
        Expiration = options.Value.CacheDuration,
        LocalCacheExpiration = options.Value.CacheDuration,
    };

    /// <summary>A product (active or not) by id; null is cached too (until that id changes).</summary>
    public async ValueTask<ProductDto?> GetProductAsync(
        Guid id, Func<Guid, CancellationToken, Task<ProductDto?>> load, CancellationToken cancellationToken)
    {
        var generation = _productGenerations.GetValueOrDefault(id);
        var entry = await cache.GetOrCreateAsync(
            $"catalog:product:{id:N}:{generation}",
            (id, load),
            static async (state, ct) => new CachedProduct(await state.load(state.id, ct)),
            EntryOptions,
            cancellationToken: cancellationToken);
        return entry.Product;
    }

    /// <summary>
    /// A page of a list query as the JSON an answer carries, rendered once when it is cached;
    /// <paramref name="queryKey"/> must capture everything the page depends on.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> GetPageJsonAsync(
        string queryKey, Func<CancellationToken, Task<Page<ProductDto>>> load, CancellationToken cancellationToken)
    {
        var entry = await cache.GetOrCreateAsync(
            ListKey("page", queryKey),
            (load, json.Value.SerializerOptions),
            static async (state, ct) => new CachedPage(JsonSerializer.SerializeToUtf8Bytes(await state.load(ct), state.SerializerOptions)),
            EntryOptions,
            cancellationToken: cancellationToken);
        return entry.Json;
    }

    public async ValueTask<IReadOnlyList<string>> GetCategoriesAsync(
        bool includeInactive, Func<CancellationToken, Task<IReadOnlyList<string>>> load, CancellationToken cancellationToken)
    {
        var entry = await cache.GetOrCreateAsync(
            ListKey("categories", includeInactive ? "all" : "active"),
            load,
            static async (load, ct) => new CachedCategories(await load(ct)),
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
        Interlocked.Increment(ref _listGeneration);
        foreach (var id in productIds.Distinct())
        {
            var old = _productGenerations.GetValueOrDefault(id);
            _productGenerations.AddOrUpdate(id, 1, static (_, g) => g + 1);
            // Free the superseded entry now rather than at expiry.
            await cache.RemoveAsync($"catalog:product:{id:N}:{old}", cancellationToken);
        }
    }

    private string ListKey(string kind, string queryKey)
    {
        // HybridCache refuses very long keys; queries with long search terms or cursors are hashed.
        var key = queryKey.Length <= 200 ? queryKey : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(queryKey)));
        return $"catalog:{kind}:{Volatile.Read(ref _listGeneration)}:{key}";
    }

    // Sealed and immutable: HybridCache hands out the same instance instead of re-deserializing.
    [ImmutableObject(true)]
    private sealed record CachedProduct(ProductDto? Product);

    [ImmutableObject(true)]
    private sealed record CachedPage(byte[] Json);

    [ImmutableObject(true)]
    private sealed record CachedCategories(IReadOnlyList<string> Categories);
}
