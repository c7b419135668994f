using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Auth;

public static class JwtBearerSetup
{
    /// <summary>
    /// Bearer-token validation for an API, from <c>Authentication:Jwt</c>: issuer, audience,
    /// lifetime, signature and an algorithm allow-list. <c>Authentication:Jwt:Provider</c> chooses
    /// the handler: <c>Oidc</c> (default) is ASP.NET Core's JwtBearer against any OpenID Connect
    /// authority; <c>Entra</c> needs the adapter library BffPlatform.ServiceDefaults.Entra
    /// (Microsoft.Identity.Web), which only the services that accept Entra tokens carry.
    /// Either way the scheme is <see cref="JwtBearerDefaults.AuthenticationScheme"/>, and validated
    /// tokens are remembered until they expire (<see cref="ValidatedTokenCache"/>).
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
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtValidationOptions>, JwtValidationOptionsValidator>());

        const string scheme = JwtBearerDefaults.AuthenticationScheme;
        // On the system clock, never the app's TimeProvider: see ValidatedTokenCache's clock.
        builder.Services.TryAddSingleton(sp => new ValidatedTokenCache(sp.GetRequiredService<IOptions<JwtValidationOptions>>(), TimeProvider.System));
        // Post-configured, so it wraps whichever handlers the provider's setup left in place.
        builder.Services.AddOptions<JwtBearerOptions>(scheme)
            .PostConfigure<ValidatedTokenCache>((bearer, cache) =>
            {
                UseValidatedTokenCache(bearer, cache);
                ProblemChallenge.Apply(bearer);
            });

        var authentication = builder.Services.AddAuthentication(scheme);
        // The handler is a registration-time choice, so the provider is read here rather than from
        // options. Other providers' handlers come from their adapter (see JwtBearerAdapter).
        if (ConfiguredProvider(builder.Configuration) == TokenProvider.Oidc)
        {
            authentication.AddJwtBearer();
            builder.Services.AddOptions<JwtBearerOptions>(scheme)
                .Configure<IOptions<JwtValidationOptions>>((bearer, platform) => ConfigureOidc(bearer, platform.Value));
        }
        return authentication;
    }

    /// <summary><c>Authentication:Jwt:Provider</c>, by name only (Oidc when absent).</summary>
    public static TokenProvider ConfiguredProvider(IConfiguration configuration)
    {
        const string key = JwtValidationOptions.SectionName + ":" + nameof(JwtValidationOptions.Provider);
        var value = configuration[key];
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
        ApplyPlatformRules(bearer, options);
    }

    /// <summary>What every provider shares: the platform's algorithm allow-list, accepted <c>typ</c> values, lifetime and claim names.</summary>
    public static void ApplyPlatformRules(JwtBearerOptions bearer, JwtValidationOptions options)
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

    private static void UseValidatedTokenCache(JwtBearerOptions bearer, ValidatedTokenCache cache)
    {
        if (!cache.Enabled) return;
        for (var i = 0; i < bearer.TokenHandlers.Count; i++)
        {
            if (bearer.TokenHandlers[i] is not CachingTokenHandler)
            {
                bearer.TokenHandlers[i] = new CachingTokenHandler(bearer.TokenHandlers[i], cache);
            }
        }
    }
}
