using BffPlatform.BffHosting.OpenApi;
using BffPlatform.BffMobile.Hosting;
using Microsoft.OpenApi;

namespace BffPlatform.BffMobile.OpenApi;

/// <summary>
/// bff-mobile's OpenAPI document, checked in at libs/Contracts/openapi/bff-mobile.json (the apps
/// generate their clients from it). Served the doors' way; what it says about bff-mobile is here.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    private const string Bearer = "bearer";

    public static WebApplicationBuilder AddMobileOpenApi(this WebApplicationBuilder builder)
    {
        builder.AddDoorOpenApi(DocumentName, o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "bff-mobile",
                Version = "v1",
                Description =
                    "The mobile apps' backend. The app signs in with the identity provider itself (code + PKCE, client mobile-app) " +
                    "and sends its access token (audience bff-mobile) as 'Authorization: Bearer'. The catalog and home answer visitors " +
                    "without a token; a token that is sent but refused is always 401. Every GET has an ETag (If-None-Match answers 304); " +
                    "answers are Brotli or gzip compressed when asked. Every POST needs an Idempotency-Key (the same one when retrying). " +
                    $"'{AppVersionOptions.Header}' below the supported minimum is refused with 400 app_update_required. Per-user rate limits " +
                    "are announced in RateLimit-Policy / RateLimit headers; 429 carries Retry-After. Errors are Problem Details with a stable 'code'.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token of the mobile-app client with audience bff-mobile.",
            };
            return Task.CompletedTask;
        }));
        return builder;
    }
}
