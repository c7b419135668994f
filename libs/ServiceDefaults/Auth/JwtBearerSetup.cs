using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Auth;

public static class JwtBearerSetup
{
    /// <summary>
    /// Bearer-token validation for an API, from <c>Authentication:Jwt</c>: issuer, audience,
    /// lifetime, signature and an algorithm allow-list. The provider is chosen by configuration.
    /// </summary>
    public static AuthenticationBuilder AddPlatformJwtBearer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JwtValidationOptions>()
            .Bind(builder.Configuration.GetSection(JwtValidationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<JwtValidationOptions>, JwtValidationOptionsValidator>();

        var authentication = builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        authentication.AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtValidationOptions>>((bearer, platform) => Configure(bearer, platform.Value));
        return authentication;
    }

    private static void Configure(JwtBearerOptions bearer, JwtValidationOptions options)
    {
        bearer.Authority = options.Authority;
        bearer.Audience = options.Audience;
        bearer.RequireHttpsMetadata = options.RequireHttpsMetadata;
        // Keep the token's own claim names (sub, role, scope) rather than WS-* URIs.
        bearer.MapInboundClaims = false;
        var p = bearer.TokenValidationParameters;
        p.ValidateIssuer = true;
        p.ValidateAudience = true;
        p.ValidAudience = options.Audience;
        p.ValidateLifetime = true;
        p.RequireExpirationTime = true;
        p.RequireSignedTokens = true;
        p.ValidateIssuerSigningKey = true;
        p.ValidAlgorithms = options.ValidAlgorithms;
        p.ValidTypes = options.ValidTypes;
        p.ClockSkew = options.ClockSkew;
        p.NameClaimType = "name";
        p.RoleClaimType = "role";
    }
}
