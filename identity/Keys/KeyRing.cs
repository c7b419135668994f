using System.Security.Cryptography;
using BffPlatform.Identity.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.Identity.Keys;

/// <summary>
/// The RSA keys identity signs and encrypts with, as PEM files. The first file of each list is the
/// current key (generated on first run when missing); the others are previous keys kept so tokens
/// issued before a roll still validate or decrypt. Rolling = put a new file name first + restart.
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

    public static KeyRing Load(KeyOptions options, ILogger logger)
    {
        // Made absolute against the repository root when the options are configured (DataPaths).
        var folder = Path.GetFullPath(options.Directory);
        Directory.CreateDirectory(folder);
        return new KeyRing(
            options.Signing.Select((file, i) => LoadOrCreate(Path.Combine(folder, file), create: i == 0, nameof(KeyOptions.Signing), logger)).ToList(),
            options.Encryption.Select((file, i) => LoadOrCreate(Path.Combine(folder, file), create: i == 0, nameof(KeyOptions.Encryption), logger)).ToList());
    }

    private static RsaSecurityKey LoadOrCreate(string path, bool create, string use, ILogger logger)
    {
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else if (create)
        {
            rsa.KeySize = 2048;
            WritePrivate(path, rsa.ExportRSAPrivateKeyPem());
            logger.LogInformation("Generated a new {Use} key at {Path}", use.ToLowerInvariant(), path);
        }
        else
        {
            throw new InvalidOperationException($"Identity:Keys:{use}: previous key file '{path}' does not exist.");
        }
        return new RsaSecurityKey(rsa) { KeyId = KeyIdOf(rsa) };
    }

    /// <summary>A stable key id from the public key, so a restart publishes the same <c>kid</c>.</summary>
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
