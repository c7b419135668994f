using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BffPlatform.ServiceDefaults;

internal static class RequestLimitsExtensions
{
    /// <summary>Bodies are small JSON documents; anything larger is refused with 413.</summary>
    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    /// <summary>The longest path and query answered; longer ones get 414 Problem Details (see <see cref="RequestTargetLimit"/>).</summary>
    public const int MaxRequestTargetBytes = 8 * 1024;

    public static void AddPlatformRequestLimits(this IHostApplicationBuilder builder)
    {
        var max = builder.Configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBodySize") ?? DefaultMaxRequestBodyBytes;
        builder.Services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = max;
            // Above the platform's own URL limit, so that one answers with Problem Details.
            o.Limits.MaxRequestLineSize = Math.Max(o.Limits.MaxRequestLineSize, 2 * MaxRequestTargetBytes + 64);
        });
    }
}
