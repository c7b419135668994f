using System.Net.Http.Headers;
using BffPlatform.CoreApi.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace BffPlatform.CoreApi.Tests.Infrastructure;

/// <summary>
/// core-api in process, with its own SQLite FILE database in a temp folder (one per factory, so
/// one per test class when used as <c>IClassFixture&lt;CoreApiFactory&gt;</c>), migrated on start
/// like production. Tokens from <see cref="TestTokens"/> are trusted: only the issuer's key
/// source is replaced (no discovery); audience, algorithms, typ and lifetime rules are the
/// production ones.
/// </summary>
public class CoreApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "core-api-tests", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Drives core-api's clock (user last-seen, timestamps). Starts at the real now, to the whole
    /// microsecond: what PostgreSQL's timestamptz keeps, so an answer and a later read agree on both providers.
    /// </summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UnixEpoch.AddMicroseconds((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond));

    public string DatabasePath => Path.Combine(_folder, "core.db");

    /// <summary>Seed the demo catalog (off by default: tests create what they need).</summary>
    protected virtual bool SeedDemoData => false;

    protected virtual string EnvironmentName => "Testing";

    /// <summary>The issuer the app is configured with, and that test tokens carry.</summary>
    protected virtual string Authority => TestTokens.Issuer;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment(EnvironmentName);
        ConfigureDatabase(builder);
        builder.UseSetting("Database:SeedDemoData", SeedDemoData ? "true" : "false");
        // The sync tokens' Data Protection keys stay in the test's folder, not the repository's data/.
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(_folder, "keys"));
        builder.UseSetting("Authentication:Jwt:Authority", Authority);
        builder.UseSetting("Authentication:Jwt:RequireHttpsMetadata", Authority.StartsWith("https:", StringComparison.Ordinal) ? "true" : "false");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
            {
                // Instead of fetching the authority's discovery document: a fixed issuer and key.
                var configuration = new OpenIdConnectConfiguration { Issuer = Authority };
                configuration.SigningKeys.Add(TestTokens.ValidationKey);
                bearer.Configuration = configuration;
                bearer.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
            });
        });
    }

    /// <summary>The database: a SQLite file in the test's folder (the embedded default).</summary>
    protected virtual void ConfigureDatabase(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Core", $"Data Source={DatabasePath}");

    public virtual Task InitializeAsync()
    {
        // Starts the host (migrations run in a hosted service before the server answers).
        StartServer();
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        ReleaseDatabase();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>SQLite keeps pooled handles; release them so the folder can go.</summary>
    protected virtual void ReleaseDatabase() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    public virtual HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public HttpClient ClientWithToken(string token)
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient ClientFor(TokenSpec spec) => ClientWithToken(TestTokens.Create(spec));

    /// <summary>A customer (role <c>customer</c>) with subject <c>sub-{login}</c>.</summary>
    public HttpClient CustomerClient(string login = "alice") => ClientFor(TestTokens.User(login));

    /// <summary>A staff user (role <c>staff</c>) with subject <c>sub-{login}</c>.</summary>
    public HttpClient StaffClient(string login = "sam") => ClientFor(TestTokens.User(login, "staff"));

    /// <summary>A client-credentials token of <c>test-service</c> with exactly these scopes.</summary>
    public HttpClient ServiceClient(params string[] scopes) => ClientFor(TestTokens.Service("test-service", scopes));

    /// <summary>A DbContext on the test database, for arranging and asserting.</summary>
    public async Task<T> WithDbAsync<T>(Func<CoreDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        return await action(db);
    }

    public Task WithDbAsync(Func<CoreDbContext, Task> action) =>
        WithDbAsync(async db => { await action(db); return true; });
}

/// <summary>
/// core-api on a real Kestrel socket (ephemeral loopback port), for what only Kestrel enforces
/// (request body size limits). Clients from it talk HTTP over the socket.
/// </summary>
public sealed class KestrelCoreApiFactory : CoreApiFactory
{
    public KestrelCoreApiFactory() => UseKestrel(0);

    /// <summary>The socket's address, e.g. <c>http://127.0.0.1:43127</c>.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public override HttpClient AnonymousClient() => new() { BaseAddress = Address };
}

/// <summary>A factory with the demo catalog seeded.</summary>
public sealed class SeededCoreApiFactory : CoreApiFactory
{
    protected override bool SeedDemoData => true;
}
