using System.Collections.Concurrent;

namespace BffPlatform.CoreApi.Products.Cache;

/// <summary>
/// Where the catalog cache's generation stamps come from. Every cache key carries the stamp of
/// what it depends on (its product's, or the lists'); a committed change raises the stamps, so an
/// entry loaded before the change can only be stored under a key nobody asks for any more.
/// </summary>
public interface ICatalogGenerations
{
    /// <summary>The stamps to key entries with, or null while the cache must not be used (every read goes to the database).</summary>
    CatalogGenerationTable? Current { get; }

    /// <summary>
    /// Records a committed change of these products (and so of every list). Returns once this
    /// instance's next read can no longer see the old data.
    /// </summary>
    Task RaiseAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);
}

/// <summary>
/// One epoch of generations: per product, and one for all lists. Generations only grow within an
/// epoch; a new epoch (its name is in every key) starts from zero and so makes every older entry
/// unreachable at once.
/// </summary>
public sealed class CatalogGenerationTable(string epoch)
{
    private readonly ConcurrentDictionary<Guid, long> _products = new();
    private long _lists;

    public string Epoch { get; } = epoch;

    public long Lists => Volatile.Read(ref _lists);

    public long Product(Guid id) => _products.GetValueOrDefault(id);

    /// <summary>One step up for each product and for the lists (the embedded default's own counting).</summary>
    public void Increment(IEnumerable<Guid> productIds)
    {
        Interlocked.Increment(ref _lists);
        foreach (var id in productIds)
        {
            _products.AddOrUpdate(id, 1, static (_, g) => g + 1);
        }
    }

    /// <summary>Takes a product's generation as counted elsewhere; never goes down (messages may arrive late).</summary>
    public void RaiseProduct(Guid id, long generation) =>
        _products.AddOrUpdate(id, static (_, g) => g, static (_, old, g) => Math.Max(old, g), generation);

    public void RaiseLists(long generation)
    {
        var current = Volatile.Read(ref _lists);
        while (generation > current)
        {
            var seen = Interlocked.CompareExchange(ref _lists, generation, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}

/// <summary>The embedded default (one instance): generations counted in process memory.</summary>
internal sealed class LocalCatalogGenerations : ICatalogGenerations
{
    private readonly CatalogGenerationTable _table = new("local");

    public CatalogGenerationTable? Current => _table;

    public Task RaiseAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        _table.Increment(productIds);
        return Task.CompletedTask;
    }
}
