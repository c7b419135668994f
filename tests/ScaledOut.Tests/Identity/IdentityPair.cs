using System.Diagnostics;
using System.Security.Cryptography;
using BffPlatform.Testing.Processes;

namespace BffPlatform.ScaledOut.Tests.Identity;

/// <summary>
/// Two identity processes as the scaled-out mode runs them: one PostgreSQL database migrated by a
/// one-shot <c>--migrate</c> run (the migration Job), one Redis, instances started with
/// <c>Database:MigrateOnStart=false</c>, and the same keys from one "secret": the signing key as a
/// file in a mounted folder, the encryption key as PEM in the environment. Each instance has a data
/// folder of its own, so nothing is shared through the disk. Both use the issuer of the load balancer
/// in front of them (<see cref="Issuer"/>); tests talk to each instance directly.
/// </summary>
public sealed class IdentityPair : IAsyncLifetime
{
    public const string Issuer = "http://identity.test/";
    public const string IssuerHost = "identity.test";

    private readonly string _root = Directory.CreateTempSubdirectory("identity-pair-").FullName;
    private readonly List<ServiceProcess> _instances = [];

    public LocalPostgres Postgres { get; private set; } = null!;
    public LocalRedis Redis { get; private set; } = null!;
    public ServiceProcess A => _instances[0];
    public ServiceProcess B => _instances[1];
    public string SigningPem { get; } = NewPem();
    public string MigrationOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Postgres = await LocalPostgres.StartNewAsync();
        Redis = await LocalRedis.StartNewAsync();
        await Postgres.CreateDatabaseAsync("identity");
        var secret = Directory.CreateDirectory(Path.Combine(_root, "secret")).FullName;
        await File.WriteAllTextAsync(Path.Combine(secret, "signing.pem"), SigningPem);
        var encryptionPem = NewPem();

        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Identity"] = Postgres.ConnectionString("identity"),
            ["Database:MigrateOnStart"] = "false",
            ["Redis:Configuration"] = Redis.Configuration,
            ["Identity:Issuer"] = Issuer,
            ["Identity:Keys:Directory"] = secret,
            ["Identity:Keys:Signing:0"] = "signing.pem",
            ["Identity:Keys:Encryption:0"] = encryptionPem,
            ["Identity:SignIn:ThrottlePermitLimit"] = "1000",
            // Long enough that no test outlasts a wait by accident.
            ["Identity:SignIn:UntrustedFirstDelay"] = "00:05:00",
            ["Identity:SignIn:UntrustedMaxDelay"] = "00:15:00",
        };

        MigrationOutput = await MigrateAsync(settings);
        foreach (var name in new[] { "identity-a", "identity-b" })
        {
            var own = new Dictionary<string, string>(settings) { ["Data:Directory"] = Directory.CreateDirectory(Path.Combine(_root, name)).FullName };
            _instances.Add(ServiceProcess.Start(RepoPaths.Root, _root, name, "identity", "BffPlatform.Identity", FreePort.Next(), own));
        }
        await Task.WhenAll(_instances.Select(i => i.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90))));
    }

    /// <summary>The migration Job: <c>identity --migrate</c>, which must exit 0 having served nothing.</summary>
    private async Task<string> MigrateAsync(IReadOnlyDictionary<string, string> settings)
    {
        var project = Path.Combine(RepoPaths.Root, "identity");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(project, "bin", "Release", "net10.0", "BffPlatform.Identity.dll"), "--contentRoot", project, "--migrate" })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Data__Directory"] = Path.Combine(_root, "migration");
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, $"identity --migrate exited {process.ExitCode}:\n{text}");
        return text;
    }

    public string Logs() => string.Join("\n", _instances.Select(i => i.Tail(60)));

    /// <summary>Waits until both instances say they are ready (Redis back, say).</summary>
    public async Task WaitUntilBothReadyAsync() =>
        await Task.WhenAll(_instances.Select(i => i.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(60))));

    private static string NewPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
