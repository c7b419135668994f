using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.BffHosting.Http;

/// <summary>What a door does for clients on slow links: validators and 304s on every GET, compressed answers.</summary>
public static class DoorHttpSetup
{
    /// <summary>
    /// Brotli and gzip for JSON and Problem Details, over https too. A bearer-token door may compress
    /// on https: BREACH needs a secret the browser attaches by itself (a cookie) to a request an
    /// attacker chose, and a door whose callers send tokens by hand has none.
    /// </summary>
    public static WebApplicationBuilder AddDoorCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["application/json", "application/problem+json"];
        });
        // Fastest: answers are small and the CPU per request is what the door's throughput is made of.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    /// <summary>Compression outermost, so the validators are computed over the uncompressed answer.</summary>
    public static IApplicationBuilder UseDoorCompression(this IApplicationBuilder app) => app.UseResponseCompression();

    /// <summary>ETag on every successful GET and 304 for a matching <c>If-None-Match</c> (see <see cref="ConditionalGetMiddleware"/>).</summary>
    public static IApplicationBuilder UseDoorConditionalGet(this IApplicationBuilder app) => app.UseMiddleware<ConditionalGetMiddleware>();
}
