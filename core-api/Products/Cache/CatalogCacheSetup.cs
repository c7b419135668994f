using BffPlatform.ServiceDefaults.Options;
using BffPlatform.ServiceDefaults.Redis;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.CoreApi.Products.Cache;

public static class CatalogCacheSetup
{
    /// <summary>
    /// The catalog cache: HybridCache in process memory with generations counted in process (the
    /// embedded default); with <c>Redis:Configuration</c> set, Redis is HybridCache's second level
    /// (on the shared connection, keys under <c>Redis:KeyPrefix</c> + <c>core-api:</c>) and the
    /// generations are shared by every instance.
    /// </summary>
    public static IHostApplicationBuilder AddCatalogCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CatalogOptions, CatalogOptionsValidator>(builder.Configuration, CatalogOptions.SectionName);
        builder.Services.AddSingleton<CatalogCache>();
        if (builder.AddPlatformRedis())
        {
            builder.Services.AddStackExchangeRedisCache(_ => { });
            builder.Services.AddOptions<RedisCacheOptions>()
                .Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((cache, redis, options) =>
                {
                    cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
                    cache.InstanceName = options.Value.KeyPrefix + "core-api:";
                });
            builder.Services.AddSingleton<RedisCatalogGenerations>();
            builder.Services.AddSingleton<ICatalogGenerations>(sp => sp.GetRequiredService<RedisCatalogGenerations>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisCatalogGenerations>());
        }
        else
        {
            builder.Services.AddSingleton<ICatalogGenerations, LocalCatalogGenerations>();
        }
        // HybridCache takes a registered IDistributedCache as its second level.
        builder.Services.AddHybridCache();
        return builder;
    }
}
