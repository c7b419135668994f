using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BffPlatform.ServiceDefaults;

internal static class RequestLimitsExtensions
{
    /// <summary>Bodies are small JSON documents; anything larger is refused with 413.</summary>
    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    public static void AddPlatformRequestLimits(this IHostApplicationBuilder builder)
    {
        var max = builder.Configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBodySize") ?? DefaultMaxRequestBodyBytes;
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = max);
    }
}
