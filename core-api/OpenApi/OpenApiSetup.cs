using System.Reflection;
using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Options;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace BffPlatform.CoreApi.OpenApi;

/// <summary>
/// Swashbuckle: the document at <c>/api/openapi/v1.json</c>, Swagger UI at <c>/api/docs</c> and
/// ReDoc at <c>/api/redoc</c> (unless <see cref="ApiDocsOptions"/> turns them off). Sign-in from Swagger UI: client credentials (<c>internal-tools</c>)
/// or authorization code + PKCE (<c>core-api-swagger</c>) against the configured authority.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/api/openapi/v1.json";
    public const string BearerScheme = "bearer";
    public const string OAuthScheme = "oauth2";
    public const string SwaggerClientId = "core-api-swagger";

    private static readonly Dictionary<string, string> ApiScopes = new()
    {
        [Scopes.Audience] = "core-api (user tokens)",
        [Scopes.CatalogRead] = "Read the catalog",
        [Scopes.CatalogWrite] = "Edit the catalog",
        [Scopes.OrdersRead] = "Read orders",
        [Scopes.OrdersWrite] = "Place orders",
        [Scopes.OrdersAdmin] = "Manage all orders",
        [Scopes.UsersRead] = "Read users",
        [Scopes.OutboxRead] = "Consume order events",
    };

    public static IHostApplicationBuilder AddCoreOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ApiDocsOptions>(builder.Configuration, ApiDocsOptions.SectionName);
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen();
        builder.Services.AddOptions<SwaggerGenOptions>()
            .Configure<IOptions<JwtValidationOptions>>((swagger, jwt) => Configure(swagger, jwt.Value));
        return builder;
    }

    private static void Configure(SwaggerGenOptions swagger, JwtValidationOptions jwt)
    {
        swagger.SwaggerDoc(DocumentName, new OpenApiInfo
        {
            Title = "BffPlatform core-api",
            Version = "v1",
            Description = "The business API: users, products, carts, orders and the order-event outbox. " +
                          "JWT bearer tokens from the platform's identity provider, audience `core-api`. " +
                          "Errors are RFC 9457 Problem Details with a stable `code`.",
        });

        var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
        if (File.Exists(xml))
        {
            swagger.IncludeXmlComments(xml);
        }
        // Schema ids by full type name would leak namespaces; short names are unique here.
        swagger.CustomSchemaIds(SchemaId);
        // What the JSON policy enforces: non-nullable members refuse null, constructor members are required.
        swagger.SupportNonNullableReferenceTypes();
        swagger.SchemaFilter<RequiredMembersSchemaFilter>();
        swagger.OperationFilter<IdempotencyKeyParameter>();

        var authority = new Uri(jwt.Authority.EndsWith('/') ? jwt.Authority : jwt.Authority + "/");
        swagger.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token with audience `core-api`.",
        });
        swagger.AddSecurityDefinition(OAuthScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = $"Client credentials as `internal-tools`, or authorization code + PKCE as `{SwaggerClientId}`.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(authority, "connect/token"),
                    Scopes = ApiScopes.Where(s => s.Key != Scopes.Audience).ToDictionary(),
                },
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri(authority, "connect/authorize"),
                    TokenUrl = new Uri(authority, "connect/token"),
                    Scopes = new Dictionary<string, string>
                    {
                        ["openid"] = "Sign in",
                        ["profile"] = "Name",
                        ["email"] = "E-mail",
                        ["roles"] = "Role",
                        // Staff only (the role is checked too), so not offered to internal-tools.
                        [Scopes.PartnersAdmin] = "Manage partners and API keys (staff)",
                    }.Concat(ApiScopes).ToDictionary(),
                },
            },
        });
        swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [],
        });
        swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(OAuthScheme, document)] = [],
        });
    }

    private static string SchemaId(Type type) =>
        type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`')] + "Of" + string.Concat(type.GetGenericArguments().Select(SchemaId))
            : type.Name;

    /// <summary>The document, Swagger UI and ReDoc, when <see cref="ApiDocsOptions.Enabled"/> (off in Production unless configured).</summary>
    public static WebApplication UseCoreOpenApi(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ApiDocsOptions>>().Value.Enabled)
        {
            return app;
        }
        app.UseSwagger(o => o.RouteTemplate = "api/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.DocumentTitle = "core-api · Swagger UI";
            o.SwaggerEndpoint(DocumentPath, "core-api v1");
            o.OAuthClientId(SwaggerClientId);
            o.OAuthUsePkce();
            o.OAuthScopes("openid", "profile", "email", "roles", Scopes.Audience);
        });
        app.UseReDoc(o =>
        {
            o.RoutePrefix = "api/redoc";
            o.DocumentTitle = "core-api · ReDoc";
            o.SpecUrl = DocumentPath;
        });
        return app;
    }
}
