using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BffPlatform.Security.Tests.Production;

/// <summary>
/// A self-signed TLS certificate for 127.0.0.1 made for one test run, written as PEM files that
/// Kestrel serves (<c>Kestrel:Certificates:Default:Path</c>/<c>KeyPath</c>) and that the services
/// trust as their only root (<c>SSL_CERT_FILE</c>, which .NET reads on Linux like OpenSSL does).
/// The test's own clients pin it.
/// </summary>
public sealed class LoopbackCertificate
{
    private readonly X509Certificate2 _certificate;

    public string CertificatePath { get; }
    public string KeyPath { get; }

    private LoopbackCertificate(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        _certificate = certificate;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
    }

    public static LoopbackCertificate Create(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));

        Directory.CreateDirectory(folder);
        var certificatePath = Path.Combine(folder, "loopback.crt.pem");
        var keyPath = Path.Combine(folder, "loopback.key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new LoopbackCertificate(X509CertificateLoader.LoadCertificate(certificate.RawData), certificatePath, keyPath);
    }

    /// <summary>A client that trusts exactly this certificate (and keeps cookies when asked: the sign-in page's antiforgery).</summary>
    public HttpClient Client(string baseUrl, bool cookies = false) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == _certificate.GetCertHashString() },
        })
        { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
}
