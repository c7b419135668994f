using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BffPlatform.Contracts.Common;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.CoreApi.Tests.Infrastructure;

/// <summary>What a token should say; defaults are a valid customer access token.</summary>
public sealed record TokenSpec
{
    public string Issuer { get; init; } = TestTokens.Issuer;
    public string Audience { get; init; } = BffPlatform.Contracts.Common.Scopes.Audience;
    public string? Subject { get; init; }
    public string? ClientId { get; init; } = "bff-web";
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Role { get; init; }
    public IReadOnlyList<string> Scopes { get; init; } = [];
    public DateTimeOffset? IssuedAt { get; init; }
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);
    public string TokenType { get; init; } = "at+jwt";
    /// <summary>Signing key; null → the test key.</summary>
    public SecurityKey? Key { get; init; }
    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;
}

/// <summary>
/// Mints access tokens with a per-run RSA key. The app under test trusts this key for
/// <see cref="Issuer"/> (see <see cref="CoreApiFactory"/>); every other validation rule is the
/// production one.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://identity.test/";

    private static readonly RSA Rsa = RSA.Create(2048);
    public static readonly RsaSecurityKey SigningKey = new(Rsa) { KeyId = "test-key" };
    /// <summary>The public half only, as the API would see it.</summary>
    public static readonly RsaSecurityKey ValidationKey = new(Rsa.ExportParameters(false)) { KeyId = "test-key" };

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static TokenSpec User(string login, string role = "customer") => new()
    {
        Subject = SubjectOf(login),
        Name = char.ToUpperInvariant(login[0]) + login[1..],
        Email = $"{login}@shop.test",
        Role = role,
        Scopes = EveryScope,
    };

    /// <summary>
    /// What a client granted every core-api scope asks for (core-api's Swagger UI): with these a
    /// user's role and ownership decide, and a test of a missing scope takes one away.
    /// </summary>
    public static readonly IReadOnlyList<string> EveryScope =
    [
        "openid", "profile", "email", "roles", BffPlatform.Contracts.Common.Scopes.Audience,
        BffPlatform.Contracts.Common.Scopes.CatalogRead, BffPlatform.Contracts.Common.Scopes.CatalogWrite,
        BffPlatform.Contracts.Common.Scopes.OrdersRead, BffPlatform.Contracts.Common.Scopes.OrdersWrite,
        BffPlatform.Contracts.Common.Scopes.OrdersAdmin, BffPlatform.Contracts.Common.Scopes.UsersRead,
        BffPlatform.Contracts.Common.Scopes.OutboxRead,
    ];

    public static TokenSpec Service(string clientId, params string[] scopes) => new()
    {
        // OpenIddict (RFC 9068) sets sub = client id for client-credentials tokens.
        Subject = clientId,
        ClientId = clientId,
        Scopes = scopes,
    };

    public static string SubjectOf(string login) => $"sub-{login}";

    public static string Create(TokenSpec spec)
    {
        var issuedAt = (spec.IssuedAt ?? DateTimeOffset.UtcNow).UtcDateTime;
        var claims = new Dictionary<string, object>();
        if (spec.Subject is not null) claims["sub"] = spec.Subject;
        if (spec.ClientId is not null) claims["client_id"] = spec.ClientId;
        if (spec.Name is not null) claims["name"] = spec.Name;
        if (spec.Email is not null) claims["email"] = spec.Email;
        if (spec.Role is not null) claims["role"] = spec.Role;
        if (spec.Scopes.Count > 0) claims["scope"] = string.Join(' ', spec.Scopes);
        claims["jti"] = Guid.NewGuid().ToString("N");

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + spec.Lifetime,
            Claims = claims,
            TokenType = spec.TokenType,
            SigningCredentials = new SigningCredentials(spec.Key ?? SigningKey, spec.Algorithm),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with the given claims.</summary>
    public static string AlgNone(TokenSpec spec)
    {
        var signed = Create(spec);
        var parts = signed.Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        return $"{header}.{parts[1]}.";
    }

    /// <summary>
    /// The key-confusion attack: HS256 with the RSA public key's bytes as the HMAC secret.
    /// </summary>
    public static string Hs256WithPublicKey(TokenSpec spec)
    {
        var publicPem = Encoding.UTF8.GetBytes(Rsa.ExportSubjectPublicKeyInfoPem());
        return Create(spec with { Key = new SymmetricSecurityKey(publicPem), Algorithm = SecurityAlgorithms.HmacSha256 });
    }

    /// <summary>A valid token whose payload was altered after signing (role → staff).</summary>
    public static string Tampered(TokenSpec spec)
    {
        var parts = Create(spec).Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"customer\"", "\"staff\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    /// <summary>A token signed by a key the API does not know.</summary>
    public static string ForeignKey(TokenSpec spec) =>
        Create(spec with { Key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" } });

    internal static ClaimsIdentity ParseUnvalidated(string token) => new(new JsonWebToken(token).Claims);
}
