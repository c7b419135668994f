using BffPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace BffPlatform.ServiceDefaults.Entra;

/// <summary>
/// The Entra ID adapter: Microsoft.Identity.Web's <c>AddMicrosoftIdentityWebApi</c> with the
/// tenant and application from <c>Authentication:Jwt</c> (<c>Instance</c>, <c>TenantId</c>,
/// <c>ClientId</c>, <c>Audience</c>). It keeps Entra's own authority (<c>{Instance}{TenantId}/v2.0</c>)
/// and issuer validator (v1 and v2 issuers of the tenant), and adds the platform's rules on top.
/// It cannot validate a non-Entra issuer, which is why the local identity uses the Oidc path.
/// </summary>
public static class EntraJwtBearerSetup
{
    /// <summary>Entra app roles arrive as <c>roles</c>, not <c>role</c>.</summary>
    public const string RoleClaimType = "roles";

    /// <summary>
    /// Lets <c>Authentication:Jwt:Provider=Entra</c> work in this service. Call it with
    /// <c>AddPlatformJwtBearer</c>, in either order; with <c>Provider=Oidc</c> it registers nothing.
    /// </summary>
    public static IHostApplicationBuilder AddEntraJwtBearerAdapter(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new JwtBearerAdapter(TokenProvider.Entra));
        if (JwtBearerSetup.ConfiguredProvider(builder.Configuration) == TokenProvider.Entra)
        {
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddEntraJwtBearer();
        }
        return builder;
    }

    private static void AddEntraJwtBearer(this AuthenticationBuilder authentication)
    {
        const string scheme = JwtBearerDefaults.AuthenticationScheme;
        var services = authentication.Services;

        // Registered before Identity.Web's own configuration: it only installs its audience validator
        // (client id and api://client id) when no audience is set, and the platform names its audiences.
        services.AddOptions<JwtBearerOptions>(scheme)
            .Configure<IOptions<JwtValidationOptions>>((bearer, platform) =>
                bearer.TokenValidationParameters.ValidAudiences = ValidAudiences(platform.Value));

        authentication.AddMicrosoftIdentityWebApi(_ => { }, _ => { }, scheme, subscribeToJwtBearerMiddlewareDiagnosticsEvents: false);

        services.AddOptions<MicrosoftIdentityOptions>(scheme)
            .Configure<IOptions<JwtValidationOptions>>((identity, platform) =>
            {
                identity.Instance = platform.Value.Instance;
                identity.TenantId = platform.Value.TenantId;
                identity.ClientId = platform.Value.ClientId;
            });

        // After Identity.Web: the platform's algorithm allow-list, typ values, lifetime and claim names win.
        services.AddOptions<JwtBearerOptions>(scheme)
            .Configure<IOptions<JwtValidationOptions>>((bearer, platform) =>
            {
                JwtBearerSetup.ApplyPlatformRules(bearer, platform.Value);
                bearer.TokenValidationParameters.RoleClaimType = RoleClaimType;
            });
    }

    /// <summary>The configured audience (e.g. an App ID URI), and the client id Entra v2 tokens carry as <c>aud</c>.</summary>
    internal static string[] ValidAudiences(JwtValidationOptions options) =>
        new[] { options.Audience, options.ClientId }
            .Where(a => !string.IsNullOrWhiteSpace(a))
            .Select(a => a!)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}
