using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using BffPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.ServiceDefaults.Tests.Auth;

/// <summary>
/// The validated-token cache behind <c>AddPlatformJwtBearer</c>, through the real JwtBearer handler:
/// a remembered token skips validation, and still stops working at its expiry, when its key is no
/// longer published, and for any altered copy. The cache's clock is faked; the tokens are minted at
/// the real now, so the handler's own (system-clock) lifetime check accepts them.
/// </summary>
public sealed class ValidatedTokenCacheTests : IAsyncLifetime
{
    private const string Issuer = "https://id.example.test/";
    private const string Audience = "core-api";
    private static readonly RsaSecurityKey KeyA = new(RSA.Create(2048)) { KeyId = "a" };
    private static readonly RsaSecurityKey KeyB = new(RSA.Create(2048)) { KeyId = "b" };

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CountingHandler _counting = new();
    private readonly OpenIdConnectConfiguration _metadata = new() { Issuer = Issuer };
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    /// <summary>The real handler, counting the validations the cache did not spare it.</summary>
    private sealed class CountingHandler : JsonWebTokenHandler
    {
        public int Validations;

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref Validations);
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }

    public async Task InitializeAsync()
    {
        _metadata.SigningKeys.Add(KeyA);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Authentication:Jwt:Authority"] = Issuer;
        builder.Configuration["Authentication:Jwt:Audience"] = Audience;
        // Registered before AddPlatformJwtBearer, so the cache wraps this handler.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
        {
            _counting.MapInboundClaims = false;
            bearer.TokenHandlers.Clear();
            bearer.TokenHandlers.Add(_counting);
            bearer.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(_metadata);
        });
        // Registered before AddPlatformJwtBearer, so it is the cache the platform uses.
        builder.Services.AddSingleton(sp => new ValidatedTokenCache(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JwtValidationOptions>>(), _time));
        builder.AddPlatformJwtBearer();
        builder.Services.AddAuthorization();

        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/me", (HttpContext http) => http.User.FindFirst("sub")!.Value).RequireAuthorization();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private string Token(string subject = "alice", TimeSpan? lifetime = null, SecurityKey? key = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(5)),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["jti"] = Guid.NewGuid().ToString("N") },
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(key ?? KeyA, SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task<HttpResponseMessage> GetAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task A_repeated_token_is_validated_once()
    {
        var token = Token();

        for (var i = 0; i < 5; i++)
        {
            var response = await GetAsync(token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("alice", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, _counting.Validations);
    }

    [Fact]
    public async Task A_cached_token_stops_being_accepted_at_its_expiry()
    {
        var token = Token(lifetime: TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);

        // Inside the lifetime plus the 30 s clock skew: still served from the cache.
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        Assert.Equal(1, _counting.Validations);

        _time.Advance(TimeSpan.FromSeconds(2));
        var expired = await GetAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        // Refused the way an uncached expired token is: by the handler, saying so.
        Assert.Contains(expired.Headers.WwwAuthenticate, h => h.Parameter?.Contains("expired", StringComparison.Ordinal) == true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(token)).StatusCode);
    }

    [Fact]
    public async Task A_tampered_copy_of_a_cached_token_is_refused()
    {
        var token = Token("alice");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"alice\"", "\"mallory\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        var resigned = $"{parts[0]}.{parts[1]}.{parts[2][..^4]}AAAA";

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(resigned)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(tampered)).StatusCode);
        // The genuine token is unaffected.
        Assert.Equal("alice", await (await GetAsync(token)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cached_token_is_refused_once_its_key_is_no_longer_published()
    {
        var token = Token(key: KeyA);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);

        // The issuer rolls its key: A disappears from its metadata.
        _metadata.SigningKeys.Clear();
        _metadata.SigningKeys.Add(KeyB);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Token(key: KeyB))).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_is_refused_every_time()
    {
        var foreign = Token(key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "a" });

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(foreign)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(foreign)).StatusCode);
        // Failures are never remembered: each attempt is validated in full.
        Assert.Equal(2, _counting.Validations);
    }

    [Fact]
    public async Task Claims_added_during_one_request_do_not_leak_into_the_next()
    {
        var token = Token("alice");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        var options = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var cached = await options.TokenHandlers[0].ValidateTokenAsync(token, CloneWithMetadata(options));
        cached.ClaimsIdentity.AddClaim(new System.Security.Claims.Claim("role", "staff"));

        var again = await options.TokenHandlers[0].ValidateTokenAsync(token, CloneWithMetadata(options));

        Assert.True(again.IsValid);
        Assert.DoesNotContain(again.ClaimsIdentity.Claims, c => c.Type == "role");
    }

    private TokenValidationParameters CloneWithMetadata(JwtBearerOptions options)
    {
        var p = options.TokenValidationParameters.Clone();
        p.ConfigurationManager = (BaseConfigurationManager)options.ConfigurationManager!;
        return p;
    }
}
