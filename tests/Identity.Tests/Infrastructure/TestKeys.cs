using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.Identity.Tests.Infrastructure;

/// <summary>RSA private keys as PEM, what an operator creates once with openssl and hands every instance.</summary>
public static class TestKeys
{
    public static string NewPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>The <c>kid</c> identity publishes for <paramref name="pem"/> (a hash of its public key).</summary>
    public static string KidOf(string pem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
    }
}
