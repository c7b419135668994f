using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using BffPlatform.ServiceDefaults.Auth;

namespace BffPlatform.CoreApi.Authentication;

/// <summary>
/// For benchmarks and local experiments without the identity service: when
/// <c>Authentication:Jwt:DevSigningKeyPath</c> names an RSA public key (PEM) and the environment
/// is not Production, tokens signed by that key with issuer = the configured authority are
/// accepted instead of fetching the authority's discovery document. Everything else (audience,
/// algorithms, typ, lifetime) is validated as usual.
/// </summary>
internal static class DevSigningKey
{
    public const string ConfigKey = JwtValidationOptions.SectionName + ":DevSigningKeyPath";

    public static void AddDevSigningKey(this IHostApplicationBuilder builder)
    {
        var path = builder.Configuration[ConfigKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }
        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException($"{ConfigKey} must not be set in Production.");
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{ConfigKey} names a file that does not exist: '{path}'.");
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        var key = new RsaSecurityKey(rsa) { KeyId = "dev" };
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer => UseStaticKey(bearer, key));
    }

    /// <summary>Replaces discovery by a fixed issuer and key; shared with the test fixture's approach.</summary>
    public static void UseStaticKey(JwtBearerOptions bearer, SecurityKey key)
    {
        var issuer = bearer.Authority ?? throw new InvalidOperationException($"{JwtValidationOptions.SectionName}:Authority is required.");
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        configuration.SigningKeys.Add(key);
        bearer.Configuration = configuration;
        bearer.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
        bearer.TokenValidationParameters.ValidIssuer = issuer;
        bearer.TokenValidationParameters.IssuerSigningKeys = [key];
    }
}
