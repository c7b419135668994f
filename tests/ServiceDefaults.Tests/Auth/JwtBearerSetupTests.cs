using BffPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Tests.Auth;

/// <summary>
/// How <c>AddPlatformJwtBearer</c> wires each provider, read from a built host's options: no
/// token is validated and nothing is fetched (metadata is loaded lazily, on the first request).
/// Real tokens through the Oidc path are tested in Identity.Tests (ProductionValidationTests).
/// </summary>
public sealed class JwtBearerSetupTests
{
    private const string Bearer = JwtBearerDefaults.AuthenticationScheme;

    private static WebApplication Build(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPlatformJwtBearer();
        return builder.Build();
    }

    private static JwtBearerOptions BearerOptions(WebApplication app) =>
        app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(Bearer);

    private static async Task<Type> HandlerType(WebApplication app) =>
        (await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetDefaultAuthenticateSchemeAsync())!.HandlerType;

    [Fact]
    public async Task Oidc_is_the_default_and_uses_plain_JwtBearer_against_the_authority()
    {
        await using var app = Build(Environments.Production, new()
        {
            ["Authentication:Jwt:Authority"] = "https://id.example.test/",
            ["Authentication:Jwt:Audience"] = "core-api",
        });

        var bearer = BearerOptions(app);

        Assert.Equal(typeof(JwtBearerHandler), await HandlerType(app));
        Assert.Equal("https://id.example.test/", bearer.Authority);
        Assert.True(bearer.RequireHttpsMetadata);
        Assert.False(bearer.MapInboundClaims);
        var p = bearer.TokenValidationParameters;
        Assert.Equal("core-api", p.ValidAudience);
        Assert.True(p.ValidateIssuer);
        // Plain JwtBearer: the issuer comes from the authority's discovery document, no Entra issuer validator.
        Assert.Null(p.IssuerValidator);
        Assert.Null(p.AudienceValidator);
        Assert.True(p.ValidateAudience);
        Assert.True(p.ValidateLifetime);
        Assert.True(p.RequireSignedTokens);
        Assert.Equal(["at+jwt", "JWT"], p.ValidTypes);
        Assert.Contains("RS256", p.ValidAlgorithms);
        Assert.DoesNotContain(p.ValidAlgorithms, a => a.StartsWith("HS", StringComparison.Ordinal) || a == "none");
        Assert.Equal("role", p.RoleClaimType);
        Assert.Equal("name", p.NameClaimType);
    }

    [Fact]
    public async Task Configured_algorithm_and_typ_lists_replace_the_defaults_rather_than_merging_into_them()
    {
        await using var app = Build(Environments.Production, new()
        {
            ["Authentication:Jwt:Authority"] = "https://id.example.test/",
            ["Authentication:Jwt:Audience"] = "core-api",
            ["Authentication:Jwt:ValidAlgorithms:0"] = "ES256",
            ["Authentication:Jwt:ValidTypes:0"] = "at+jwt",
        });

        var p = BearerOptions(app).TokenValidationParameters;

        Assert.Equal(["ES256"], p.ValidAlgorithms);
        Assert.Equal(["at+jwt"], p.ValidTypes);
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(Environments.Production, new()
        {
            ["Authentication:Jwt:Provider"] = "Okta",
            ["Authentication:Jwt:Authority"] = "https://id.example.test/",
            ["Authentication:Jwt:Audience"] = "core-api",
        }));

        Assert.Contains("Authentication:Jwt:Provider", error.Message);
        Assert.Contains("Okta", error.Message);
    }

    [Fact]
    public async Task Oidc_refuses_http_authorities_and_symmetric_algorithms_outside_development()
    {
        await using var app = Build(Environments.Production, new()
        {
            ["Authentication:Jwt:Authority"] = "http://id.example.test/",
            ["Authentication:Jwt:Audience"] = "core-api",
            ["Authentication:Jwt:ValidAlgorithms:0"] = "HS256",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Authentication:Jwt:Authority must use https", error.Message);
        Assert.Contains("Authentication:Jwt:ValidAlgorithms must not contain 'HS256'", error.Message);
    }

    [Fact]
    public async Task Oidc_without_an_authority_refuses_to_start_naming_the_key()
    {
        await using var app = Build(Environments.Production, new() { ["Authentication:Jwt:Audience"] = "core-api" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Authentication:Jwt:Authority", error.Message);
    }

    [Fact]
    public async Task Development_may_use_a_loopback_http_authority()
    {
        await using var app = Build(Environments.Development, new()
        {
            ["Authentication:Jwt:Authority"] = "http://127.0.0.1:5100/",
            ["Authentication:Jwt:Audience"] = "core-api",
            ["Authentication:Jwt:RequireHttpsMetadata"] = "false",
        });

        var options = app.Services.GetRequiredService<IOptions<JwtValidationOptions>>().Value;

        Assert.Equal("http://127.0.0.1:5100/", options.Authority);
        Assert.False(BearerOptions(app).RequireHttpsMetadata);
    }

    [Fact]
    public async Task Entra_without_the_adapter_refuses_to_start_naming_the_key_and_the_package()
    {
        await using var app = Build(Environments.Production, new()
        {
            ["Authentication:Jwt:Provider"] = "Entra",
            ["Authentication:Jwt:TenantId"] = "8f2c1c4e-6a53-4c1b-9d6f-0b7a7e4d2a11",
            ["Authentication:Jwt:ClientId"] = "5d0a6c3b-2f41-4e8e-a0c9-3b4f5e6d7c8a",
            ["Authentication:Jwt:Audience"] = "api://core-api",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Authentication:Jwt:Provider is Entra", error.Message);
        Assert.Contains("BffPlatform.ServiceDefaults.Entra", error.Message);
        Assert.Contains("AddEntraJwtBearerAdapter", error.Message);
    }

    [Fact]
    public void ServiceDefaults_does_not_carry_Microsoft_Identity_Web()
    {
        var references = typeof(JwtBearerSetup).Assembly.GetReferencedAssemblies().Select(a => a.Name);
        Assert.DoesNotContain(references, n => n!.StartsWith("Microsoft.Identity.Web", StringComparison.Ordinal) || n.StartsWith("Microsoft.Identity.Client", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "Microsoft.Identity.Web.dll")),
            "a service using only ServiceDefaults must not ship Microsoft.Identity.Web");
    }
}
