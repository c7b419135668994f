using BffPlatform.Contracts.Common;
using BffPlatform.PublicApi.Versions;
using BffPlatform.ServiceDefaults.Options;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BffPlatform.PublicApi.Cors;

/// <summary>
/// CORS for partners' browser code from <see cref="PartnerCorsOptions.AllowedOrigins"/>: any other origin
/// gets no CORS headers. Only publishable keys work from a browser: the key handler refuses a secret
/// key sent with an <c>Origin</c> (<c>secret_key_in_browser</c>), and the answer carries CORS headers for
/// an allowed origin so the page's code can read why. No credentials (cookies): keys travel in a header.
/// </summary>
public static class PartnerCorsSetup
{
    public static WebApplicationBuilder AddPartnerCors(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PartnerCorsOptions, PartnerCorsOptionsValidator>(builder.Configuration, PartnerCorsOptions.SectionName);
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<PartnerCorsOptions>>((cors, partner) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins(partner.Value.AllowedOrigins)
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.IfNoneMatch, IdempotencyHeaders.Key)
                .WithExposedHeaders(HeaderNames.ETag, HeaderNames.RetryAfter, HeaderNames.Link, HeaderNames.Location, "RateLimit", "RateLimit-Policy",
                    DeprecationHeadersMiddleware.DeprecationHeader, DeprecationHeadersMiddleware.SunsetHeader, IdempotencyHeaders.Replayed)
                .SetPreflightMaxAge(partner.Value.PreflightMaxAge)));
        return builder;
    }
}
