using BffPlatform.BffHosting.OpenApi;
using BffPlatform.Contracts.Bff;
using BffPlatform.Contracts.Products;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BffPlatform.BffWeb.OpenApi;

/// <summary>
/// bff-web's OpenAPI document, checked in at libs/Contracts/openapi/bff-web.json: the SPA
/// generates its TypeScript types from it. Served the doors' way (BffHosting's DoorOpenApiSetup);
/// what it says about bff-web is here.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static WebApplicationBuilder AddBffOpenApi(this WebApplicationBuilder builder)
    {
        builder.AddDoorOpenApi(DocumentName, o =>
        {
            // A claim's value is a string, or a number for bff:session_expires_in.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(BffClaimDto) && schema.Properties is { } properties)
                {
                    properties["value"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Integer };
                }
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer(async (document, context, cancellationToken) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "bff-web",
                    Version = "v1",
                    Description =
                        "The browser SPA's backend. Authentication is a server-side session behind the __Host-bff cookie " +
                        "(sign in at /bff/login); the catalog (/api/products...) also answers visitors without one. " +
                        "Every /api/* call and /bff/user must send the header 'X-CSRF: 1'. " +
                        "Errors are Problem Details with a stable 'code'. /api/core/products[/...] passes through to " +
                        "core-api's /api/v1/products[/...] unchanged (ETag, If-Match, 412, 428); its request bodies are " +
                        "CreateProductRequest and UpdateProductRequest, its answers ProductDto.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["csrf"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "X-CSRF",
                    Description = "Always '1'. Without it, /api/* and /bff/user answer 401 csrf_header_missing.",
                };
                document.Components.SecuritySchemes["session"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = "__Host-bff",
                    Description = "The session cookie set after sign-in at /bff/login.",
                };
                // The pass-through's bodies are core-api's; list them so the SPA gets their types too.
                document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
                foreach (var type in new[] { typeof(CreateProductRequest), typeof(UpdateProductRequest), typeof(ProductDto) })
                {
                    if (!document.Components.Schemas.ContainsKey(type.Name))
                    {
                        document.Components.Schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
                    }
                }
            });
        });
        return builder;
    }
}
