using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace BffPlatform.Security.Tests.Api2;

/// <summary>
/// API2 broken authentication, bearer doors: a real user's token from identity, edited the ways
/// attackers edit JWTs, against bff-mobile (audience bff-mobile) and core-api (audience core-api).
/// Every forgery is a 401 Problem Details; the real token is 200 first, so a refusal means something.
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API2")]
public sealed class JwtAttackTests(SecurityPlatform platform)
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var door in new[] { "bff-mobile", "core-api" })
        {
            foreach (var attack in new[]
            {
                "payload edited, signature kept", "alg none", "alg None, no trailing dot", "HS256 keyed with the public key (PEM)",
                "HS256 keyed with the public key (DER)", "signed with another key, same kid", "real key, wrong audience",
                "real key, wrong issuer", "real key, expired", "real key, no expiry", "jku header to the attacker's keys",
                "x5u header to the attacker's certificate", "embedded jwk of the attacker", "empty signature",
            })
            {
                data.Add(door, attack);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_forged_token_is_refused(string door, string attack)
    {
        var (baseUrl, path, token) = await DoorAsync(door);
        using (var genuine = SecurityPlatform.Client(baseUrl, token))
        using (var ok = await genuine.GetAsync(path))
        {
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"the genuine token answered {(int)ok.StatusCode}");
        }

        var forged = Forge(token, attack);

        using var client = SecurityPlatform.Client(baseUrl, forged);
        using var response = await client.GetAsync(path);
        await response.AssertProblemAsync(401, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    private async Task<(string BaseUrl, string Path, string Token)> DoorAsync(string door) => door switch
    {
        "bff-mobile" => (platform.MobileUrl, "/mobile/v1/me", await platform.MobileTokenAsync(DemoUsers.Alice)),
        _ => (platform.CoreUrl, "/api/v1/users/me", await platform.CoreTokenAsync(DemoUsers.Alice)),
    };

    private string Forge(string token, string attack)
    {
        using var attacker = RSA.Create(2048);
        var now = DateTimeOffset.UtcNow;
        var attackerKid = "attacker-1";
        return attack switch
        {
            "payload edited, signature kept" => ForgedTokens.Tampered(token, "sub", "someone-else"),
            "alg none" => ForgedTokens.Unsigned(token),
            "alg None, no trailing dot" => ForgedTokens.Unsigned(token, "None", trailingDot: false),
            "HS256 keyed with the public key (PEM)" => ForgedTokens.Hmac(token, Encoding.ASCII.GetBytes(RealKey().ExportSubjectPublicKeyInfoPem())),
            "HS256 keyed with the public key (DER)" => ForgedTokens.Hmac(token, RealKey().ExportSubjectPublicKeyInfo()),
            "signed with another key, same kid" => ForgedTokens.Rsa(token, attacker),
            "real key, wrong audience" => ForgedTokens.Rsa(token, RealKey(), editPayload: p => p["aud"] = "someone-else"),
            "real key, wrong issuer" => ForgedTokens.Rsa(token, RealKey(), editPayload: p => p["iss"] = "https://evil.example/"),
            "real key, expired" => ForgedTokens.Rsa(token, RealKey(), editPayload: p =>
            {
                p["iat"] = ForgedTokens.Unix(now.AddHours(-2));
                p["nbf"] = ForgedTokens.Unix(now.AddHours(-2));
                p["exp"] = ForgedTokens.Unix(now.AddMinutes(-30));
            }),
            "real key, no expiry" => ForgedTokens.Rsa(token, RealKey(), editPayload: p => p.Remove("exp")),
            "jku header to the attacker's keys" => ForgedTokens.Rsa(token, attacker, h =>
            {
                h["kid"] = attackerKid;
                h["jku"] = "http://127.0.0.1:9/.well-known/jwks";
            }),
            "x5u header to the attacker's certificate" => ForgedTokens.Rsa(token, attacker, h =>
            {
                h["kid"] = attackerKid;
                h["x5u"] = "http://127.0.0.1:9/cert.pem";
            }),
            "embedded jwk of the attacker" => ForgedTokens.Rsa(token, attacker, h =>
            {
                h["kid"] = attackerKid;
                h["jwk"] = ForgedTokens.PublicJwk(attacker, attackerKid);
            }),
            "empty signature" => token[..(token.LastIndexOf('.') + 1)],
            _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, null),
        };
    }

    /// <summary>identity's own signing key: what an insider or a leaked backup would give an attacker.</summary>
    private RSA RealKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(platform.SigningKeyPath));
        return rsa;
    }
}
