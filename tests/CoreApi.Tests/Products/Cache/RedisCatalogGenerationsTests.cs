using BffPlatform.CoreApi.Products;
using BffPlatform.CoreApi.Products.Cache;
using BffPlatform.CoreApi.Tests.Infrastructure;
using BffPlatform.ServiceDefaults.Redis;
using BffPlatform.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.CoreApi.Tests.Products.Cache;

/// <summary>
/// The shared generations against a real Redis (one server per class; each test its own key
/// prefix, so its own hash and channels): what every instance knows after a change, after Redis
/// comes back empty, after one instance was cut off, after the hash was lost.
/// </summary>
public sealed class RedisCatalogGenerationsTests : IAsyncLifetime
{
    private LocalRedis _redis = null!;
    private readonly string _prefix = $"gen-{Guid.NewGuid():N}:";
    private readonly List<Instance> _instances = [];

    public async Task InitializeAsync() => _redis = await LocalRedis.StartNewAsync();

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_change_is_applied_by_every_instance_before_it_returns()
    {
        var (a, b) = (await StartAsync(), await StartAsync());
        var (tableA, tableB) = (await FollowingAsync(a), await FollowingAsync(b));
        Assert.Equal(tableA.Epoch, tableB.Epoch);
        var (x, y) = (Guid.NewGuid(), Guid.NewGuid());

        await a.Generations.RaiseAsync([x], CancellationToken.None);
        // No waiting here: A returned only once B confirmed.
        (tableA, tableB) = (a.Generations.Current!, b.Generations.Current!);
        Assert.Equal((1L, 1L, 0L), (tableB.Product(x), tableB.Lists, tableB.Product(y)));
        Assert.Equal((1L, 1L), (tableA.Product(x), tableA.Lists));

        // Something on the channel that is not a change is ignored; the next change still counts.
        await a.Redis.GetSubscriber().PublishAsync(RedisChannel.Literal(_prefix + "core-api:catalog:changes"), "not a change");
        await b.Generations.RaiseAsync([x, y], CancellationToken.None);
        tableA = a.Generations.Current!;
        Assert.Equal((2L, 1L, 2L), (tableA.Product(x), tableA.Product(y), tableA.Lists));
    }

    [Fact]
    public async Task An_instance_that_never_confirms_holds_a_change_up_only_for_the_timeout()
    {
        var a = await StartAsync(TimeSpan.FromMilliseconds(200));
        await FollowingAsync(a);
        // A subscriber that counts as a receiver and never answers (a hung instance).
        await using var silent = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        await silent.GetSubscriber().SubscribeAsync(RedisChannel.Literal(_prefix + "core-api:catalog:changes"), (_, _) => { });

        var x = Guid.NewGuid();
        await a.Generations.RaiseAsync([x], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, a.Generations.Current!.Product(x));
    }

    [Fact]
    public async Task Redis_back_empty_starts_a_new_epoch_and_a_change_made_meanwhile_is_recorded()
    {
        var (a, b) = (await StartAsync(), await StartAsync());
        var before = (await FollowingAsync(a)).Epoch;
        await FollowingAsync(b);
        var (x, y) = (Guid.NewGuid(), Guid.NewGuid());
        await a.Generations.RaiseAsync([x], CancellationToken.None);

        await _redis.StopAsync();
        await Eventually.HoldsAsync(() => a.Generations.Current is null && b.Generations.Current is null, "both instances stop using the cache");
        // Committed while Redis is down: remembered, not waited on.
        await a.Generations.RaiseAsync([y], CancellationToken.None);
        Assert.Null(a.Generations.Current);

        await _redis.StartAsync();
        var (afterA, afterB) = (await FollowingAsync(a), await FollowingAsync(b));
        Assert.NotEqual(before, afterA.Epoch);
        Assert.Equal(afterA.Epoch, afterB.Epoch);
        Assert.Equal(0, afterB.Product(x));
        // The change A remembered reaches B once A records it (it may have caught up first).
        await Eventually.HoldsAsync(() => b.Generations.Current?.Product(y) == 1, "B learns the change A made while Redis was down");
        Assert.Equal(1, a.Generations.Current?.Product(y));
    }

    [Fact]
    public async Task A_change_made_while_cut_off_reaches_the_others_when_the_connection_returns()
    {
        await using var proxy = new CuttableProxy(_redis.Port);
        var a = await StartAsync(configuration: $"127.0.0.1:{proxy.Port},abortConnect=false,connectTimeout=2000");
        var b = await StartAsync();
        var epoch = (await FollowingAsync(a)).Epoch;
        await FollowingAsync(b);
        var x = Guid.NewGuid();

        proxy.Cut();
        await Eventually.HoldsAsync(() => a.Generations.Current is null, "the cut-off instance stops using the cache");
        await a.Generations.RaiseAsync([x], CancellationToken.None);
        // Nobody could tell B (this is the case Catalog:CacheDuration bounds if A never returns).
        Assert.Equal(0, b.Generations.Current!.Product(x));

        proxy.Restore();
        await Eventually.HoldsAsync(() => b.Generations.Current?.Product(x) == 1, "B learns the change once A is back");
        var table = await FollowingAsync(a);
        Assert.Equal((epoch, 1L), (table.Epoch, table.Product(x)));
    }

    [Fact]
    public async Task A_lost_hash_makes_every_instance_read_it_whole_again()
    {
        var (a, b) = (await StartAsync(), await StartAsync());
        var before = (await FollowingAsync(a)).Epoch;
        await FollowingAsync(b);
        var (x, y) = (Guid.NewGuid(), Guid.NewGuid());
        await a.Generations.RaiseAsync([x], CancellationToken.None);

        // As an eviction would: the next change starts a new epoch, which every instance reads whole.
        await a.Redis.GetDatabase().KeyDeleteAsync(_prefix + "core-api:catalog:generations");
        await b.Generations.RaiseAsync([y], CancellationToken.None);
        await Eventually.HoldsAsync(() => a.Generations.Current is { } t && t.Epoch != before && b.Generations.Current?.Epoch == t.Epoch,
            "both instances follow the new epoch");
        foreach (var table in new[] { a.Generations.Current!, b.Generations.Current! })
        {
            Assert.Equal((0L, 1L), (table.Product(x), table.Product(y)));
        }
    }

    private async Task<Instance> StartAsync(TimeSpan? confirmationTimeout = null, string? configuration = null)
    {
        var instance = await Instance.StartAsync(configuration ?? _redis.Configuration, _prefix, confirmationTimeout ?? TimeSpan.FromSeconds(5));
        _instances.Add(instance);
        return instance;
    }

    private static async Task<CatalogGenerationTable> FollowingAsync(Instance instance)
    {
        await Eventually.HoldsAsync(() => instance.Generations.Current is not null, "the instance follows the changes");
        return instance.Generations.Current!;
    }

    private sealed class Instance(RedisCatalogGenerations generations, ConnectionMultiplexer redis) : IAsyncDisposable
    {
        public RedisCatalogGenerations Generations { get; } = generations;

        public ConnectionMultiplexer Redis { get; } = redis;

        public static async Task<Instance> StartAsync(string configuration, string prefix, TimeSpan confirmationTimeout)
        {
            var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
            var generations = new RedisCatalogGenerations(
                redis,
                Options.Create(new RedisOptions { Configuration = configuration, KeyPrefix = prefix }),
                Options.Create(new CatalogOptions { ConfirmationTimeout = confirmationTimeout }),
                NullLogger<RedisCatalogGenerations>.Instance);
            await generations.StartAsync(CancellationToken.None);
            return new Instance(generations, redis);
        }

        public async ValueTask DisposeAsync()
        {
            await Generations.StopAsync(CancellationToken.None);
            Generations.Dispose();
            await Redis.DisposeAsync();
        }
    }
}
