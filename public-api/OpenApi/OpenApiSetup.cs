using System.Text;
using BffPlatform.BffHosting.OpenApi;
using BffPlatform.Contracts.Common;
using BffPlatform.PublicApi.Versions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BffPlatform.PublicApi.OpenApi;

/// <summary>
/// One OpenAPI document per version (<c>/api/openapi/v1.json</c>, <c>/api/openapi/v2.json</c>, checked in
/// as libs/Contracts/openapi/public-api-v1.json and -v2.json), served in every environment with Swagger
/// UI at <c>/api/docs</c> (both versions) and ReDoc at <c>/api/redoc</c> (v2) and <c>/api/redoc/v1</c>:
/// partners read them.
/// </summary>
public static class OpenApiSetup
{
    public const string KeyScheme = "apiKey";

    public static WebApplicationBuilder AddPublicApiOpenApi(this WebApplicationBuilder builder)
    {
        foreach (var version in ApiVersion.All)
        {
            builder.AddDoorOpenApi(version.Name, o =>
            {
                o.ShouldInclude = description => description.GroupName == version.Name;
                o.AddDocumentTransformer((document, _, _) =>
                {
                    document.Info = new OpenApiInfo { Title = "BffPlatform public API", Version = version.Name, Description = Description(version) };
                    document.Components ??= new OpenApiComponents();
                    document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                    document.Components.SecuritySchemes[KeyScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "bp_live_… | bp_test_… | bp_pub_…",
                        Description = "Your API key as 'Authorization: Bearer bp_...'. Secret keys (bp_live_, bp_test_) from your servers only; " +
                                      "publishable keys (bp_pub_) read the catalog, from browsers too.",
                    };
                    document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, document)] = [] }];
                    return Task.CompletedTask;
                });
            });
        }
        return builder;
    }

    public static WebApplication MapPublicApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DoorOpenApiSetup.DocumentPath).AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.DocumentTitle = "BffPlatform public API · Swagger UI";
            o.SwaggerEndpoint("/api/openapi/v2.json", "v2 (current)");
            o.SwaggerEndpoint("/api/openapi/v1.json", "v1 (deprecated)");
        });
        app.UseReDoc(o =>
        {
            o.RoutePrefix = "api/redoc";
            o.DocumentTitle = "BffPlatform public API v2 · ReDoc";
            o.SpecUrl = "/api/openapi/v2.json";
        });
        app.UseReDoc(o =>
        {
            o.RoutePrefix = "api/redoc/v1";
            o.DocumentTitle = "BffPlatform public API v1 (deprecated) · ReDoc";
            o.SpecUrl = "/api/openapi/v1.json";
        });
        return app;
    }

    private static string Description(ApiVersion version)
    {
        var text = new StringBuilder();
        text.Append(version == ApiVersion.V1
            ? "**Deprecated**: every answer carries `Deprecation`, `Sunset` and a `Link` to the migration note (docs/public-api-changelog.md). Money is a decimal `amount` with its `currency`.\n\n"
            : "Money is an integer `amount` in the currency's minor unit (cents; yen have none) with its `currency`.\n\n");
        text.Append("Authenticate with `Authorization: Bearer bp_...`. Every POST needs an `Idempotency-Key`; a retry with the same key and body gets the first answer again (`Idempotency-Replayed: true`). ");
        text.Append("Every answer states your plan's limits (`RateLimit-Policy`, `RateLimit`); over a limit, 429 with `Retry-After`.\n\n");
        text.Append($"Example: `curl -H 'Authorization: Bearer bp_test_...' https://<host>/api/{version.Name}/ping`\n\n");
        text.Append("Errors are RFC 9457 Problem Details (`application/problem+json`) with a stable `code`:\n\n| code | status | meaning |\n|---|---|---|\n");
        foreach (var error in ErrorCatalogue.All.Where(e => PartnerCodes.Contains(e.Code)))
        {
            text.Append($"| `{error.Code}` | {error.Status} | {error.Meaning.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
        return text.ToString();
    }

    private static readonly HashSet<string> PartnerCodes =
    [
        ErrorCodes.ApiKeyMissing, ErrorCodes.ApiKeyMalformed, ErrorCodes.ApiKeyInvalid, ErrorCodes.ApiKeyRevoked, ErrorCodes.ApiKeyExpired,
        ErrorCodes.SecretKeyInBrowser, ErrorCodes.InsufficientScope, ErrorCodes.Forbidden, ErrorCodes.RateLimited, ErrorCodes.IdempotencyKeyMissing,
        ErrorCodes.IdempotencyKeyReused, ErrorCodes.IdempotencyRequestInFlight, ErrorCodes.ValidationFailed, ErrorCodes.MalformedRequest,
        ErrorCodes.InvalidCursor, ErrorCodes.NotFound, ErrorCodes.InsufficientStock, ErrorCodes.ProductInactive, ErrorCodes.IllegalStatusTransition,
        ErrorCodes.UpstreamInvalidResponse, ErrorCodes.UpstreamUnavailable, ErrorCodes.UpstreamTimeout,
    ];
}
