using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.ServiceDefaults.Auth;

public static class JwtBearerSetup
{
    /// <summary>
    /// Bearer-token validation for an API, from <c>Authentication:Jwt</c>: issuer, audience,
    /// lifetime, signature and an algorithm allow-list. <c>Authentication:Jwt:Provider</c> chooses
    /// the handler: <c>Oidc</c> (default) is ASP.NET Core's JwtBearer against any OpenID Connect
    /// authority, <c>Entra</c> is Microsoft.Identity.Web (see <see cref="EntraJwtBearerSetup"/>).
    /// Either way the scheme is <see cref="JwtBearerDefaults.AuthenticationScheme"/>.
    /// </summary>
    public static AuthenticationBuilder AddPlatformJwtBearer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JwtValidationOptions>()
            .Bind(builder.Configuration.GetSection(JwtValidationOptions.SectionName))
            .PostConfigure(options =>
            {
                if (options.ValidAlgorithms.Length == 0) options.ValidAlgorithms = JwtValidationOptions.DefaultAlgorithms;
                if (options.ValidTypes.Length == 0) options.ValidTypes = JwtValidationOptions.DefaultTypes;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<JwtValidationOptions>, JwtValidationOptionsValidator>();

        var authentication = builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        // The handler is a registration-time choice, so the provider is read here rather than from options.
        if (ReadProvider(builder) == TokenProvider.Entra)
        {
            authentication.AddEntraJwtBearer();
            return authentication;
        }

        authentication.AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtValidationOptions>>((bearer, platform) => ConfigureOidc(bearer, platform.Value));
        return authentication;
    }

    private static TokenProvider ReadProvider(IHostApplicationBuilder builder)
    {
        const string key = JwtValidationOptions.SectionName + ":" + nameof(JwtValidationOptions.Provider);
        var value = builder.Configuration[key];
        if (string.IsNullOrWhiteSpace(value)) return TokenProvider.Oidc;
        // Enum.TryParse also accepts numbers; only the names are meaningful in configuration.
        if (Enum.GetNames<TokenProvider>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return Enum.Parse<TokenProvider>(name);
        }
        throw new OptionsValidationException(JwtValidationOptions.SectionName, typeof(JwtValidationOptions),
            [$"{key} must be one of {string.Join(", ", Enum.GetNames<TokenProvider>())} (got '{value}')."]);
    }

    private static void ConfigureOidc(JwtBearerOptions bearer, JwtValidationOptions options)
    {
        bearer.Authority = options.Authority;
        bearer.Audience = options.Audience;
        bearer.RequireHttpsMetadata = options.RequireHttpsMetadata;
        var p = bearer.TokenValidationParameters;
        p.ValidateIssuer = true;
        p.ValidAudience = options.Audience;
        p.RoleClaimType = "role";
        ApplyCommon(bearer, options);
    }

    /// <summary>What both providers share: the platform's algorithm allow-list, accepted <c>typ</c> values, lifetime and claim names.</summary>
    internal static void ApplyCommon(JwtBearerOptions bearer, JwtValidationOptions options)
    {
        // Keep the token's own claim names (sub, role, scope, scp) rather than WS-* URIs.
        bearer.MapInboundClaims = false;
        var p = bearer.TokenValidationParameters;
        p.ValidateAudience = true;
        p.ValidateLifetime = true;
        p.RequireExpirationTime = true;
        p.RequireSignedTokens = true;
        p.ValidateIssuerSigningKey = true;
        p.ValidAlgorithms = options.ValidAlgorithms;
        p.ValidTypes = options.ValidTypes;
        p.ClockSkew = options.ClockSkew;
        p.NameClaimType = "name";
    }
}
