using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BffPlatform.Identity.Keys;
using BffPlatform.Identity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.Identity.Tests;

/// <summary>One identity and one API validating its tokens through the shared production extension.</summary>
public sealed class IdentityAndApi : IAsyncLifetime
{
    public IdentityFactory Identity { get; } = new();
    public ProtectedApi Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await ProtectedApi.StartAsync(Identity);

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Identity.Dispose();
    }
}

/// <summary>
/// Real tokens from the in-process identity, validated by <c>AddPlatformJwtBearer</c> exactly as
/// core-api configures it (metadata and keys fetched from identity). Every refusal also checks
/// the reason JwtBearer gives, so a token refused for the wrong reason fails the test.
/// </summary>
public sealed class ProductionValidationTests(IdentityAndApi fixture) : IClassFixture<IdentityAndApi>
{
    private readonly IdentityFactory _identity = fixture.Identity;
    private readonly ProtectedApi _api = fixture.Api;

    /// <summary>JwtBearer's description of an audience failure (IdentityModel 8 no longer fills in the audience itself).</summary>
    private const string AudienceRefused = "The audience '";

    private Task<string> ServiceTokenAsync() => ServiceTokenAsync(_identity);

    private static async Task<string> ServiceTokenAsync(IdentityFactory identity)
    {
        var response = await OAuth.ClientCredentialsAsync(identity.CreateClient(), OAuth.InternalTools, OAuth.InternalToolsSecret, "core-api orders.read");
        Assert.False(response.IsError, response.Error);
        return response.AccessToken!;
    }

    private async Task<Duende.IdentityModel.Client.TokenResponse> AliceAsync()
    {
        using var browser = _identity.CreateBrowser();
        return await OAuth.CodeFlowAsync(_identity, browser);
    }

    private async Task AssertRefusedAsync(string token, string expectedReason)
    {
        var response = await _api.CallAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter);
        Assert.True(challenge.Parameter!.Contains(expectedReason, StringComparison.Ordinal), $"refused for another reason: {challenge.Parameter}");
    }

    /// <summary>A token signed with identity's real current key, claims as given.</summary>
    private string MintWithIdentitysKey(string issuer, string audience, string typ = "at+jwt")
    {
        var keys = _identity.Services.GetRequiredService<KeyRing>();
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience, IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5),
            TokenType = typ, SigningCredentials = keys.CurrentSigningCredentials,
            Claims = new Dictionary<string, object> { ["sub"] = "forged-user", ["scope"] = "core-api orders.read", ["role"] = "staff" },
        });
    }

    private static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private static JsonObject PayloadOf(string jwt) =>
        JsonNode.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1]))!.AsObject();

    [Fact]
    public async Task A_client_credentials_token_is_accepted_as_a_service_caller()
    {
        var response = await _api.CallAsync(await ServiceTokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = await response.Content.ReadFromJsonAsync<ProtectedApi.Caller>();
        Assert.Equal(OAuth.InternalTools, caller!.Sub);
        Assert.Equal(OAuth.InternalTools, caller.ClientId);
        Assert.True(caller.IsService);
        Assert.True(caller.HasOrdersRead);
    }

    [Fact]
    public async Task A_users_code_flow_access_token_is_accepted_with_its_role()
    {
        var tokens = await AliceAsync();

        var response = await _api.CallAsync(tokens.AccessToken!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = await response.Content.ReadFromJsonAsync<ProtectedApi.Caller>();
        Assert.Equal(OAuth.Read(tokens.AccessToken!).Subject, caller!.Sub);
        Assert.Equal(OAuth.BffWeb, caller.ClientId);
        Assert.Equal("customer", caller.Role);
        Assert.False(caller.IsStaff);
        Assert.False(caller.IsService);
    }

    [Fact]
    public async Task No_token_is_refused()
    {
        var response = await _api.Client.GetAsync(ProtectedApi.MePath);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_minted_with_identitys_key_and_the_right_issuer_and_audience_is_accepted()
    {
        // The control for the wrong-audience and wrong-issuer cases below: only the one claim differs there.
        var response = await _api.CallAsync(MintWithIdentitysKey(IdentityFactory.Issuer, "core-api"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        // Identity's clock an hour back: it issues a 15-minute token that expired 45 minutes ago.
        using var past = new IdentityFactory(time: new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)));
        await using var api = await ProtectedApi.StartAsync(past);
        var token = await ServiceTokenAsync(past);

        var response = await api.CallAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("The token expired at", Assert.Single(response.Headers.WwwAuthenticate).Parameter);
    }

    [Fact]
    public async Task A_tampered_payload_is_refused()
    {
        var token = (await AliceAsync()).AccessToken!;
        var parts = token.Split('.');
        var payload = PayloadOf(token);
        payload["role"] = "staff";

        await AssertRefusedAsync($"{parts[0]}.{B64(payload.ToJsonString())}.{parts[2]}", "The signature is invalid");
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        var token = await ServiceTokenAsync();
        var payload = token.Split('.')[1];

        var response = await _api.CallAsync($"{B64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}")}.{payload}.");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter);
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("der")]
    [InlineData("modulus")]
    public async Task An_HS256_token_keyed_with_identitys_public_key_is_refused(string keyBytes)
    {
        // The attacker's view: the public key from the published JWKS, used as an HMAC secret.
        var jwks = new JsonWebKeySet(await _identity.CreateClient().GetStringAsync("/.well-known/jwks"));
        var jwk = jwks.Keys.First(k => k.Kty == "RSA");
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(jwk.N), Exponent = Base64UrlEncoder.DecodeBytes(jwk.E) });
        var secret = keyBytes switch
        {
            "pem" => Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()),
            "der" => rsa.ExportSubjectPublicKeyInfo(),
            _ => Base64UrlEncoder.DecodeBytes(jwk.N),
        };
        var payload = PayloadOf(await ServiceTokenAsync());
        var signingInput = $"{B64($"{{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"{jwk.Kid}\"}}")}.{B64(payload.ToJsonString())}";
        var signature = Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));

        var response = await _api.CallAsync($"{signingInput}.{signature}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        await AssertRefusedAsync(MintWithIdentitysKey(IdentityFactory.Issuer, "orders-api"), AudienceRefused);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        await AssertRefusedAsync(MintWithIdentitysKey("https://evil.example.test/", "core-api"), "The issuer 'https://evil.example.test/' is invalid");
    }

    [Fact]
    public async Task An_id_token_used_as_an_access_token_is_refused()
    {
        var idToken = (await AliceAsync()).IdentityToken!;

        await AssertRefusedAsync(idToken, AudienceRefused);
    }

    [Fact]
    public async Task A_refresh_token_used_as_an_access_token_is_refused()
    {
        var refreshToken = (await AliceAsync()).RefreshToken!;

        var response = await _api.CallAsync(refreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IdentityFactory.Issuer, Audience = "core-api", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5), TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "attacker-key" }, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object> { ["sub"] = "forged-user", ["role"] = "staff" },
        });

        await AssertRefusedAsync(token, "The signature key was not found");
    }

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_claiming_identitys_kid_is_refused()
    {
        var kid = _identity.Services.GetRequiredService<KeyRing>().Signing[0].KeyId;
        using var rsa = RSA.Create(2048);
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IdentityFactory.Issuer, Audience = "core-api", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5), TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object> { ["sub"] = "forged-user" },
        });

        await AssertRefusedAsync(token, "The signature is invalid");
    }

    [Fact]
    public async Task A_token_with_a_foreign_typ_is_refused()
    {
        // A logout token (typ logout+jwt) is signed by identity too; only at+jwt and JWT are access tokens.
        await AssertRefusedAsync(MintWithIdentitysKey(IdentityFactory.Issuer, "core-api", typ: "logout+jwt"), "invalid_token");
    }
}
