using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BffPlatform.BffMobile.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.BffMobile.Tests;

/// <summary>Who may call: the app's access tokens for bff-mobile, or visitors without any token. Everything else is 401.</summary>
[Collection(MobileCollection.Name)]
public sealed class AuthenticationTests(MobilePlatform platform)
{
    [Fact]
    public async Task The_apps_access_token_is_accepted()
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Alice));

        var profile = await (await app.GetAsync("/mobile/v1/me")).JsonAsync();

        Assert.Equal(DemoUsers.Alice.Email, profile["email"]!.GetValue<string>());
        Assert.Equal(["email", "name"], profile.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Without_a_token_the_catalog_answers_but_the_users_things_are_401()
    {
        using var visitor = platform.Door.App();

        using var products = await visitor.GetAsync("/mobile/v1/products");
        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
        foreach (var path in new[] { "/mobile/v1/cart", "/mobile/v1/orders", "/mobile/v1/me", "/mobile/v1/orders/changes" })
        {
            using var refused = await visitor.GetAsync(path);
            await refused.AssertProblemAsync(401, "unauthorized");
            Assert.StartsWith("Bearer", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task A_token_that_is_present_but_invalid_is_401_even_where_visitors_are_welcome(string token)
    {
        using var app = platform.Door.App(token);

        foreach (var path in new[] { "/mobile/v1/products", "/mobile/v1/home", "/mobile/v1/categories" })
        {
            using var response = await app.GetAsync(path);
            await response.AssertProblemAsync(401, "unauthorized");
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        var token = await platform.AccessTokenAsync(DemoUsers.Alice);
        var parts = token.Split('.');
        // Alice's claims, with another subject: the signature no longer matches.
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["sub"] = "someone-else";
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        using var app = platform.Door.App(tampered);
        await (await app.GetAsync("/mobile/v1/products")).AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task Tokens_meant_for_core_api_or_bff_web_and_id_tokens_are_refused()
    {
        var forCoreApi = await platform.InternalToolsTokenAsync("core-api catalog.read");
        var exchangedForCoreApi = await platform.CoreTokenForAsync(await platform.AccessTokenAsync(DemoUsers.Alice));
        var idToken = (await platform.SignInAsync(DemoUsers.Alice)).IdToken!;

        foreach (var token in new[] { forCoreApi, exchangedForCoreApi, idToken })
        {
            using var app = platform.Door.App(token);
            await (await app.GetAsync("/mobile/v1/products")).AssertProblemAsync(401, "unauthorized");
            await (await app.GetAsync("/mobile/v1/me")).AssertProblemAsync(401, "unauthorized");
        }
    }

    [Fact]
    public async Task An_expired_token_signed_by_identity_is_401_while_the_same_token_unexpired_is_accepted()
    {
        var real = new JsonWebToken(await platform.AccessTokenAsync(DemoUsers.Alice));
        var key = await IdentitySigningKeyAsync(real.Kid);
        var now = DateTime.UtcNow;

        using var fresh = platform.Door.App(Reissue(real, key, now.AddMinutes(5)));
        using var expired = platform.Door.App(Reissue(real, key, now.AddMinutes(-5)));

        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/mobile/v1/me")).StatusCode);
        await (await expired.GetAsync("/mobile/v1/me")).AssertProblemAsync(401, "unauthorized");
        await (await expired.GetAsync("/mobile/v1/products")).AssertProblemAsync(401, "unauthorized");
    }

    /// <summary>The test identity's signing key, from its key folder (see LocalServices.StartIdentity).</summary>
    private async Task<SecurityKey> IdentitySigningKeyAsync(string kid)
    {
        var pems = Directory.GetFiles(platform.IdentityKeysDirectory, "*.pem");
        using var http = new HttpClient();
        var jwks = new JsonWebKeySet(await http.GetStringAsync(platform.IdentityUrl + "/.well-known/jwks"));
        var published = jwks.Keys.Single(k => k.Kid == kid);
        foreach (var pem in pems)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(await File.ReadAllTextAsync(pem));
            var modulus = Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus!);
            if (modulus == published.N) return new RsaSecurityKey(rsa) { KeyId = kid };
            rsa.Dispose();
        }
        throw new InvalidOperationException("identity's signing key was not found in its key folder.");
    }

    private static string Reissue(JsonWebToken token, SecurityKey key, DateTime expires)
    {
        var claims = token.Claims.Where(c => c.Type is not ("exp" or "iat" or "nbf"))
            .GroupBy(c => c.Type)
            .ToDictionary(g => g.Key, g => (object)(g.Count() == 1 ? g.First().Value : g.Select(c => c.Value).ToArray()));
        claims["aud"] = token.Audiences.ToArray();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = expires.AddMinutes(-15),
            NotBefore = expires.AddMinutes(-15),
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            TokenType = "at+jwt",
        });
    }
}
