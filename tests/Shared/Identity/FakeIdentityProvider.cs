using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.Testing.Identity;

/// <summary>
/// An identity provider's token and revocation endpoints, in memory: refresh tokens rotate and
/// a used one is refused (like OpenIddict's reuse detection), calls are counted.
/// </summary>
public sealed class FakeIdentityProvider
{
    public const string Issuer = "https://identity.test/";
    public const string ClientId = "bff-web";
    private readonly Lock _gate = new();
    private readonly HashSet<string> _liveRefreshTokens = new(StringComparer.Ordinal);
    private int _tokenCalls;
    private int _clientCredentialsCalls;
    private int _issued;

    public FakeIdentityProvider()
    {
        Key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" };
        Configuration = new OpenIdConnectConfiguration
        {
            Issuer = Issuer,
            AuthorizationEndpoint = Issuer + "connect/authorize",
            TokenEndpoint = Issuer + "connect/token",
            EndSessionEndpoint = Issuer + "connect/endsession",
            UserInfoEndpoint = Issuer + "connect/userinfo",
            // Where the discovery parser puts revocation_endpoint (not AdditionalData).
            RevocationEndpoint = Issuer + "connect/revoke",
        };
        Configuration.SigningKeys.Add(Key);
        Handler = new EndpointHandler(this);
    }

    public RsaSecurityKey Key { get; }
    public OpenIdConnectConfiguration Configuration { get; }
    public HttpMessageHandler Handler { get; }
    public int TokenCalls => Volatile.Read(ref _tokenCalls);

    /// <summary>Client-credentials requests (bff-web's own token for visitors), counted apart from refreshes.</summary>
    public int ClientCredentialsCalls => Volatile.Read(ref _clientCredentialsCalls);

    /// <summary>The scope of the last client-credentials request.</summary>
    public string? LastClientCredentialsScope { get; private set; }
    public List<string> Revoked { get; } = [];

    /// <summary>Lifetime of access tokens handed out by refresh.</summary>
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Registers a refresh token as valid (as if issued at sign-in).</summary>
    public string IssueRefreshToken()
    {
        lock (_gate)
        {
            var token = "rt-" + Interlocked.Increment(ref _issued);
            _liveRefreshTokens.Add(token);
            return token;
        }
    }

    /// <summary>Kills a refresh token at identity (as revocation or reuse detection would).</summary>
    public void Kill(string refreshToken)
    {
        lock (_gate) _liveRefreshTokens.Remove(refreshToken);
    }

    public bool IsLive(string refreshToken)
    {
        lock (_gate) return _liveRefreshTokens.Contains(refreshToken);
    }

    /// <summary>Signs a back-channel logout token; <paramref name="edit"/> changes the claims.</summary>
    public string CreateLogoutToken(DateTimeOffset now, Action<Dictionary<string, object>>? edit = null, SecurityKey? key = null, string type = "logout+jwt")
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = ClientId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(2).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["sub"] = "alice",
            ["sid"] = "sid-1",
            ["events"] = new Dictionary<string, object> { ["http://schemas.openid.net/event/backchannel-logout"] = new Dictionary<string, object>() },
        };
        edit?.Invoke(claims);
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
            TokenType = type,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = request.Content is null ? [] : (await request.Content.ReadAsStringAsync(cancellationToken))
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""));
        var path = request.RequestUri!.AbsoluteUri;
        if (path == Configuration.TokenEndpoint && form.GetValueOrDefault("grant_type") == "client_credentials")
        {
            var call = Interlocked.Increment(ref _clientCredentialsCalls);
            LastClientCredentialsScope = form.GetValueOrDefault("scope");
            return form.GetValueOrDefault("client_id") == ClientId
                ? Json(HttpStatusCode.OK, new { access_token = "cc-" + call, token_type = "Bearer", expires_in = 900 })
                : Json(HttpStatusCode.BadRequest, new { error = "invalid_client" });
        }
        if (path == Configuration.TokenEndpoint)
        {
            Interlocked.Increment(ref _tokenCalls);
            // Widen the window in which concurrent refreshes would overlap without a lock.
            await Task.Yield();
            if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("grant_type") != "refresh_token")
            {
                return Json(HttpStatusCode.BadRequest, new { error = "invalid_client" });
            }
            string next;
            lock (_gate)
            {
                if (!_liveRefreshTokens.Remove(form.GetValueOrDefault("refresh_token") ?? ""))
                {
                    return Json(HttpStatusCode.BadRequest, new { error = "invalid_grant" });
                }
                next = "rt-" + Interlocked.Increment(ref _issued);
                _liveRefreshTokens.Add(next);
            }
            return Json(HttpStatusCode.OK, new
            {
                access_token = "at-" + next,
                token_type = "Bearer",
                expires_in = AccessTokenLifetimeSeconds,
                refresh_token = next,
            });
        }
        if (path == Configuration.RevocationEndpoint)
        {
            var token = form.GetValueOrDefault("token") ?? "";
            lock (_gate)
            {
                _liveRefreshTokens.Remove(token);
                Revoked.Add(token);
            }
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object body) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"),
    };

    private sealed class EndpointHandler(FakeIdentityProvider owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            owner.HandleAsync(request, cancellationToken);
    }
}
