using BffPlatform.CoreApi.Products.Cache;
using BffPlatform.Testing.Servers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.CoreApi.Tests.Infrastructure;

/// <summary>
/// core-api in process with <c>Redis:Configuration</c> set (the scaled-out catalog cache), on the
/// SQLite file it is given: two of them on one file and one Redis are two instances of one core-api.
/// Only the first migrates (a migrating process owns the SQLite file; the others, as scaled-out
/// instances do, run with <c>Database:MigrateOnStart=false</c>).
/// </summary>
public sealed class RedisCoreApiFactory(string redisConfiguration, string keyPrefix, string databasePath, bool migrate, bool seed = false) : CoreApiFactory
{
    protected override bool SeedDemoData => seed;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Redis:Configuration", redisConfiguration);
        builder.UseSetting("Redis:KeyPrefix", keyPrefix);
        builder.UseSetting("Database:MigrateOnStart", migrate ? "true" : "false");
    }

    protected override void ConfigureDatabase(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Core", $"Data Source={databasePath}");

    /// <summary>Whether this instance serves catalog reads from its cache (it follows every instance's changes).</summary>
    public bool Caching => Services.GetRequiredService<ICatalogGenerations>().Current is not null;
}

/// <summary>Two core-api instances on one SQLite file and one Redis of the class's own.</summary>
public sealed class TwoCoreApisOnRedis : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "core-api-tests", Guid.NewGuid().ToString("N"));

    public LocalRedis Redis { get; private set; } = null!;

    public RedisCoreApiFactory A { get; private set; } = null!;

    public RedisCoreApiFactory B { get; private set; } = null!;

    private readonly string _prefix = $"two-{Guid.NewGuid():N}:";

    private string Database => Path.Combine(_folder, "core.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Redis = await LocalRedis.StartNewAsync();
        A = new RedisCoreApiFactory(Redis.Configuration, _prefix, Database, migrate: true);
        await A.InitializeAsync();
        B = await StartAnotherAsync(seed: false);
        await Eventually.HoldsAsync(() => A.Caching && B.Caching, "both instances use the cache");
    }

    /// <summary>One more instance on the same database and Redis (the caller disposes it).</summary>
    public async Task<RedisCoreApiFactory> StartAnotherAsync(bool seed)
    {
        var app = new RedisCoreApiFactory(Redis.Configuration, _prefix, Database, migrate: false, seed);
        await app.InitializeAsync();
        return app;
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { A, B })
        {
            if (app is not null)
            {
                await ((IAsyncLifetime)app).DisposeAsync();
            }
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
