using System.Net.Http.Headers;
using System.Security.Cryptography;
using BffPlatform.Contracts.Common;
using BffPlatform.Testing.Processes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.ScaledOut.Tests.Backup;

/// <summary>
/// core-api as a real process on a PostgreSQL database, trusting tokens signed by a key of the
/// test's own (<c>Authentication:Jwt:DevSigningKeyPath</c>, Development only): no identity
/// process is needed to place orders.
/// </summary>
public sealed class CoreApiOnPostgres : IAsyncDisposable
{
    private const string Issuer = "https://identity.test/";
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly RsaSecurityKey _key;
    private readonly ServiceProcess _process;

    private CoreApiOnPostgres(RsaSecurityKey key, ServiceProcess process)
    {
        _key = key;
        _process = process;
    }

    public string BaseUrl => _process.BaseUrl;

    public string Tail(int lines = 80) => _process.Tail(lines);

    /// <summary>Starts core-api on <paramref name="connectionString"/> and waits until it is ready.</summary>
    /// <param name="settings">More configuration (Redis, say), over the defaults here.</param>
    /// <param name="signingKey">The key its tokens are signed with: instances given one key take each other's clients.</param>
    public static async Task<CoreApiOnPostgres> StartAsync(string connectionString, string folder, bool migrateOnStart = true, bool seed = true,
        IReadOnlyDictionary<string, string>? settings = null, RSA? signingKey = null)
    {
        var rsa = signingKey ?? RSA.Create(2048);
        var keyFile = Path.Combine(folder, $"signing-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(keyFile, rsa.ExportSubjectPublicKeyInfoPem());
        var all = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Core"] = connectionString,
            ["Database:MigrateOnStart"] = migrateOnStart ? "true" : "false",
            ["Database:SeedDemoData"] = seed ? "true" : "false",
            ["DataProtection:KeysPath"] = Path.Combine(folder, "keys"),
            ["Authentication:Jwt:Authority"] = Issuer,
            ["Authentication:Jwt:DevSigningKeyPath"] = keyFile,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var process = ServiceProcess.Start(RepoPaths.Root, folder, $"core-api-{Guid.NewGuid():N}", "core-api", "BffPlatform.CoreApi",
            FreePort.Next(), all);
        var api = new CoreApiOnPostgres(new RsaSecurityKey(rsa) { KeyId = "dev" }, process);
        try
        {
            await process.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(120));
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
        return api;
    }

    /// <summary>A client whose bearer is a customer's token (subject <c>sub-{login}</c>) with every order scope.</summary>
    public HttpClient Customer(string login) =>
        Client(login, "customer", Scopes.Audience, Scopes.CatalogRead, Scopes.OrdersRead, Scopes.OrdersWrite);

    /// <summary>A client whose bearer is a staff member's token (subject <c>sub-{login}</c>) that may edit the catalog.</summary>
    public HttpClient Staff(string login) =>
        Client(login, "staff", Scopes.Audience, Scopes.CatalogRead, Scopes.CatalogWrite);

    private HttpClient Client(string login, string role, params string[] scopes)
    {
        var now = DateTime.UtcNow;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Scopes.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object>
            {
                ["sub"] = $"sub-{login}",
                ["name"] = login,
                ["email"] = $"{login}@shop.test",
                ["role"] = role,
                ["scope"] = string.Join(' ', scopes),
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
