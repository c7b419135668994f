using System.Security.Cryptography;
using BffPlatform.Identity.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.Identity.Keys;

/// <summary>
/// The RSA keys identity signs and encrypts with. Each entry of <see cref="KeyOptions.Signing"/> and
/// <see cref="KeyOptions.Encryption"/> is a PEM file (relative to the key folder, or absolute: a mounted
/// Kubernetes Secret) or the PEM itself (an environment variable). The first entry of each list is the
/// current key; the others are previous (or next) keys kept so tokens issued with them still validate
/// or decrypt. Rolling is configuration plus a restart (docs/identity-keys.md).
/// </summary>
public sealed class KeyRing
{
    public KeyRing(IReadOnlyList<RsaSecurityKey> signing, IReadOnlyList<RsaSecurityKey> encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    public IReadOnlyList<RsaSecurityKey> Signing { get; }
    public IReadOnlyList<RsaSecurityKey> Encryption { get; }

    /// <summary>What identity signs with now (access, ID and logout tokens).</summary>
    public SigningCredentials CurrentSigningCredentials => new(Signing[0], SecurityAlgorithms.RsaSha256);

    /// <summary>
    /// Loads every key. A missing current key file is generated only when <paramref name="refuseGeneration"/>
    /// is null (the embedded default: one instance, its own folder); otherwise start-up fails with
    /// that reason, because instances that each generate a key publish different keys.
    /// </summary>
    public static KeyRing Load(KeyOptions options, string? refuseGeneration, ILogger logger)
    {
        // Made absolute against the repository root when the options are configured (DataPaths).
        var folder = Path.GetFullPath(options.Directory);
        return new KeyRing(
            options.Signing.Select((entry, i) => LoadOrCreate(folder, entry, i, nameof(KeyOptions.Signing), refuseGeneration, logger)).ToList(),
            options.Encryption.Select((entry, i) => LoadOrCreate(folder, entry, i, nameof(KeyOptions.Encryption), refuseGeneration, logger)).ToList());
    }

    /// <summary>Whether a configured entry is the PEM itself rather than a file name.</summary>
    public static bool IsPem(string entry) => entry.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);

    private static RsaSecurityKey LoadOrCreate(string folder, string entry, int index, string use, string? refuseGeneration, ILogger logger)
    {
        var setting = $"{IdentityServerOptions.SectionName}:Keys:{use}:{index}";
        var rsa = RSA.Create();
        if (IsPem(entry))
        {
            Import(rsa, entry, $"{setting} (PEM given in configuration)");
            return Key(rsa);
        }
        var path = Path.Combine(folder, entry);
        if (File.Exists(path))
        {
            Import(rsa, File.ReadAllText(path), $"{setting}: '{path}'");
        }
        else if (index > 0)
        {
            throw new InvalidOperationException($"{setting}: previous key file '{path}' does not exist.");
        }
        else if (refuseGeneration is not null)
        {
            throw new InvalidOperationException(
                $"{setting}: key file '{path}' does not exist, and identity does not generate keys here: {refuseGeneration} " +
                "Create the keys once (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048) and give every instance the same ones: " +
                $"files in {IdentityServerOptions.SectionName}:Keys:Directory (a mounted Kubernetes Secret) or the PEM itself in {setting}. See docs/identity-keys.md.");
        }
        else
        {
            rsa.KeySize = 2048;
            Directory.CreateDirectory(folder);
            WritePrivate(path, rsa.ExportRSAPrivateKeyPem());
            logger.LogInformation("Generated a new {Use} key at {Path}", use.ToLowerInvariant(), path);
        }
        return Key(rsa);
    }

    private static void Import(RSA rsa, string pem, string source)
    {
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            // Never the PEM itself in the message: it is a private key.
            throw new InvalidOperationException($"{source} is not an unencrypted RSA private key in PEM ({e.Message}).", e);
        }
    }

    private static RsaSecurityKey Key(RSA rsa) => new(rsa) { KeyId = KeyIdOf(rsa) };

    /// <summary>A stable key id from the public key, so a restart, and every instance, publishes the same <c>kid</c>.</summary>
    private static string KeyIdOf(RSA rsa) =>
        Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];

    private static void WritePrivate(string path, string pem)
    {
        // Private keys are readable by the owner only.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
    }
}
