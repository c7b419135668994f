using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.Security.Tests.Infrastructure;

/// <summary>
/// Tokens an attacker builds from a real one: its header and claims edited and signed again with a
/// chosen key and algorithm (or not at all). Written out by hand so that nothing (a JWT library's
/// own checks) stops the malformed ones from being made.
/// </summary>
public static class ForgedTokens
{
    public static (JsonObject Header, JsonObject Payload, string Signature) Split(string jwt)
    {
        var parts = jwt.Split('.');
        return (JsonNode.Parse(Base64UrlEncoder.Decode(parts[0]))!.AsObject(),
            JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject(), parts[2]);
    }

    /// <summary>The real token with one claim changed and its signature kept.</summary>
    public static string Tampered(string jwt, string claim, JsonNode? value)
    {
        var (header, payload, signature) = Split(jwt);
        payload[claim] = value;
        return $"{Encode(header)}.{Encode(payload)}.{signature}";
    }

    /// <summary><c>alg: none</c> and no signature (with and without the trailing dot).</summary>
    public static string Unsigned(string jwt, string alg = "none", bool trailingDot = true)
    {
        var (header, payload, _) = Split(jwt);
        header["alg"] = alg;
        return $"{Encode(header)}.{Encode(payload)}" + (trailingDot ? "." : "");
    }

    /// <summary>HS256 keyed with <paramref name="secret"/> (the algorithm-confusion attack: the issuer's public key as an HMAC secret).</summary>
    public static string Hmac(string jwt, byte[] secret, Action<JsonObject>? editPayload = null)
    {
        var (header, payload, _) = Split(jwt);
        header["alg"] = "HS256";
        editPayload?.Invoke(payload);
        var input = $"{Encode(header)}.{Encode(payload)}";
        return input + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>RS256 with <paramref name="key"/>, header and claims edited as given.</summary>
    public static string Rsa(string jwt, RSA key, Action<JsonObject>? editHeader = null, Action<JsonObject>? editPayload = null)
    {
        var (header, payload, _) = Split(jwt);
        header["alg"] = "RS256";
        editHeader?.Invoke(header);
        editPayload?.Invoke(payload);
        var input = $"{Encode(header)}.{Encode(payload)}";
        return input + "." + Base64UrlEncoder.Encode(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>The public half of <paramref name="key"/> as a JWK (for an embedded <c>jwk</c> header).</summary>
    public static JsonObject PublicJwk(RSA key, string kid)
    {
        var p = key.ExportParameters(false);
        return new JsonObject { ["kty"] = "RSA", ["kid"] = kid, ["use"] = "sig", ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
    }

    public static long Unix(DateTimeOffset at) => at.ToUnixTimeSeconds();

    private static string Encode(JsonObject part) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(part.ToJsonString()));
}
