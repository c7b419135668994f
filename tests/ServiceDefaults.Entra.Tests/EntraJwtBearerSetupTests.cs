using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Entra;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace BffPlatform.ServiceDefaults.Entra.Tests;

/// <summary>
/// How <c>AddPlatformJwtBearer</c> with the Entra adapter wires Microsoft.Identity.Web, read from a built host's options: no
/// token is validated and nothing is fetched (metadata is loaded lazily, on the first request).
/// Real tokens through the Oidc path are tested in Identity.Tests (ProductionValidationTests).
/// </summary>
public sealed class EntraJwtBearerSetupTests
{
    private const string Tenant = "8f2c1c4e-6a53-4c1b-9d6f-0b7a7e4d2a11";
    private const string EntraClientId = "5d0a6c3b-2f41-4e8e-a0c9-3b4f5e6d7c8a";
    private const string Bearer = JwtBearerDefaults.AuthenticationScheme;

    private static WebApplication Build(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        // The adapter first, as a service may call it in either order.
        builder.AddEntraJwtBearerAdapter();
        builder.AddPlatformJwtBearer();
        return builder.Build();
    }

    private static Dictionary<string, string?> Entra(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:Jwt:Provider"] = "Entra",
            ["Authentication:Jwt:TenantId"] = Tenant,
            ["Authentication:Jwt:ClientId"] = EntraClientId,
            ["Authentication:Jwt:Audience"] = "api://core-api",
            // What core-api's appsettings.json carries for the Oidc path: the Entra path must ignore it.
            ["Authentication:Jwt:Authority"] = "https://identity.example.invalid/",
        };
        foreach (var (key, value) in overrides) settings[key] = value;
        return settings;
    }

    private static JwtBearerOptions BearerOptions(WebApplication app) =>
        app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(Bearer);

    private static async Task<Type> HandlerType(WebApplication app) =>
        (await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetDefaultAuthenticateSchemeAsync())!.HandlerType;

    [Fact]
    public async Task Entra_uses_Microsoft_Identity_Web_with_the_tenants_v2_authority_and_issuer_validator()
    {
        await using var app = Build(Environments.Production, Entra());

        var bearer = BearerOptions(app);
        var identity = app.Services.GetRequiredService<IOptionsMonitor<MicrosoftIdentityOptions>>().Get(Bearer);

        Assert.Equal(Tenant, identity.TenantId);
        Assert.Equal(EntraClientId, identity.ClientId);
        Assert.Equal($"https://login.microsoftonline.com/{Tenant}/v2.0", bearer.Authority?.TrimEnd('/'));
        // Entra's issuer validator accepts the tenant's v1 and v2 issuers: it must stay in place.
        Assert.NotNull(bearer.TokenValidationParameters.IssuerValidator);
        Assert.True(bearer.TokenValidationParameters.ValidateIssuer);
    }

    [Fact]
    public async Task Entra_keeps_the_platform_rules_audience_algorithms_typ_and_claim_names()
    {
        await using var app = Build(Environments.Production, Entra());

        var bearer = BearerOptions(app);
        var p = bearer.TokenValidationParameters;

        // The configured App ID URI (v1 tokens) and the client id (v2 tokens), nothing else.
        Assert.Equal(["api://core-api", EntraClientId], p.ValidAudiences);
        Assert.Null(p.AudienceValidator);
        Assert.True(p.ValidateAudience);
        Assert.True(p.ValidateLifetime);
        Assert.True(p.RequireSignedTokens);
        Assert.Equal(["at+jwt", "JWT"], p.ValidTypes);
        Assert.Contains("RS256", p.ValidAlgorithms);
        Assert.DoesNotContain(p.ValidAlgorithms, a => a.StartsWith("HS", StringComparison.Ordinal) || a == "none");
        Assert.Equal(TimeSpan.FromSeconds(30), p.ClockSkew);
        Assert.False(bearer.MapInboundClaims);
        Assert.Equal("roles", p.RoleClaimType);
        Assert.Equal("name", p.NameClaimType);
    }

    [Fact]
    public async Task Entra_honours_a_national_cloud_instance_and_a_narrower_algorithm_list()
    {
        await using var app = Build(Environments.Production, Entra(
            ("Authentication:Jwt:Instance", "https://login.microsoftonline.us/"),
            ("Authentication:Jwt:ValidAlgorithms:0", "RS256")));

        var bearer = BearerOptions(app);

        Assert.Equal($"https://login.microsoftonline.us/{Tenant}/v2.0", bearer.Authority?.TrimEnd('/'));
        Assert.Equal(["RS256"], bearer.TokenValidationParameters.ValidAlgorithms);
    }

    [Fact]
    public async Task Entra_without_tenant_or_client_id_refuses_to_start_naming_the_keys()
    {
        await using var app = Build(Environments.Production, Entra(
            ("Authentication:Jwt:TenantId", null), ("Authentication:Jwt:ClientId", "")));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Authentication:Jwt:TenantId", error.Message);
        Assert.Contains("Authentication:Jwt:ClientId", error.Message);
    }

    [Fact]
    public async Task Entra_over_an_http_instance_refuses_to_start()
    {
        await using var app = Build(Environments.Production, Entra(("Authentication:Jwt:Instance", "http://login.example.test/")));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Authentication:Jwt:Instance", error.Message);
    }

    [Fact]
    public async Task The_adapter_registers_nothing_for_an_Oidc_service()
    {
        await using var app = Build(Environments.Production, new()
        {
            ["Authentication:Jwt:Authority"] = "https://id.example.test/",
            ["Authentication:Jwt:Audience"] = "core-api",
        });

        Assert.Equal(typeof(JwtBearerHandler), await HandlerType(app));
        Assert.Empty(app.Services.GetServices<IConfigureOptions<MicrosoftIdentityOptions>>());
        Assert.Equal("https://id.example.test/", BearerOptions(app).Authority);
    }

    [Fact]
    public async Task Entra_tokens_go_through_Identity_Webs_handler_and_the_validated_token_cache()
    {
        await using var app = Build(Environments.Production, Entra());

        Assert.Equal(typeof(JwtBearerHandler), await HandlerType(app));
        var handlers = BearerOptions(app).TokenHandlers;
        Assert.NotEmpty(handlers);
        Assert.All(handlers, h => Assert.Equal("CachingTokenHandler", h.GetType().Name));
    }
}
