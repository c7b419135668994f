using BffPlatform.ServiceDefaults.Hosting;
using BffPlatform.ServiceDefaults.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace BffPlatform.ServiceDefaults.DataProtection;

public static class DataProtectionSetup
{
    /// <summary>
    /// ASP.NET Core Data Protection with one key ring per service that survives restarts and is
    /// shared by all its instances: in Redis (<c>&lt;prefix&gt;dataprotection:&lt;service&gt;</c>) when
    /// <c>Redis:Configuration</c> is set, otherwise in <c>DataProtection:KeysPath</c> (default
    /// <c>data/&lt;service&gt;/keys</c>; a mounted volume shared by instances works too). Instances
    /// that do not share the ring cannot read each other's cookies, tokens or secrets.
    /// </summary>
    public static IDataProtectionBuilder AddPlatformDataProtection(this IHostApplicationBuilder builder, string service)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(service);
        if (builder.AddPlatformRedis())
        {
            var prefix = builder.Configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.KeyPrefix)}"] is { Length: > 0 } configured
                ? configured
                : new RedisOptions().KeyPrefix;
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<IConnectionMultiplexer>((options, redis) =>
                    options.XmlRepository = new RedisXmlRepository(
                        () => redis.GetDatabase(), $"{prefix}dataprotection:{service}"));
            return dataProtection;
        }
        var keysPath = builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keys
            ? DataPaths.Resolve(builder.Environment, keys)
            : Path.Combine(DataPaths.ServiceDataDirectory(builder.Environment, builder.Configuration, service), "keys");
        return dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
    }
}
