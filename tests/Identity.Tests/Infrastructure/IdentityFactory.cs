using System.Net;
using BffPlatform.Identity.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BffPlatform.Identity.Tests.Infrastructure;

/// <summary>
/// The identity service hosted in-process (TestServer) on a temp SQLite file and temp key
/// folder, issuer <see cref="Issuer"/>, Development environment (demo users seeded).
/// Other test projects can link this file and reference identity/BffPlatform.Identity.csproj:
/// <c>using var identity = new IdentityFactory(); var http = identity.CreateClient();</c>,
/// then point a JwtBearer's <c>BackchannelHttpHandler</c> at <c>identity.Server.CreateHandler()</c>.
/// </summary>
public class IdentityFactory : WebApplicationFactory<KeyRing>
{
    /// <summary>The TestServer's own base address, so discovery and token <c>iss</c> agree.</summary>
    public const string Issuer = "http://localhost/";
    public const string RemoteIpHeader = "X-Test-Remote-IP";

    private readonly Dictionary<string, string?> _settings;

    /// <param name="dataDirectory">Reuse a folder to simulate a restart over the same database and keys.</param>
    /// <param name="time">Drives OpenIddict's, Identity's and the cookie's clock; starts at real now when null.</param>
    public IdentityFactory(string? dataDirectory = null, FakeTimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("identity-tests-").FullName;
        Time = time ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        _settings = new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = Issuer,
            // Everything the service keeps on disk (Data Protection's key ring too) stays in the temp folder.
            ["Data:Directory"] = DataDirectory,
            ["ConnectionStrings:Identity"] = $"Data Source={Path.Combine(DataDirectory, "identity.db")}",
            ["Identity:Keys:Directory"] = Path.Combine(DataDirectory, "keys"),
            // Generous by default; the throttling test sets its own limit.
            ["Identity:SignIn:ThrottlePermitLimit"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public string DataDirectory { get; }
    public FakeTimeProvider Time { get; }
    public string Environment { get; init; } = "Development";

    /// <summary>Errors the host logged (see <see cref="StartupFailure"/>).</summary>
    public ErrorLog Errors { get; } = new();

    /// <summary>Starts the host expecting it to refuse; returns the exception chain and the logged errors.</summary>
    public string StartupFailure()
    {
        var error = Assert.ThrowsAny<Exception>(() => CreateClient());
        return $"{error}\n{Errors.Text}";
    }

    /// <summary>Extra test services (e.g. a capturing handler for an outgoing HttpClient).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        // UseSetting reaches the builder's configuration before Program reads it (connection string, provider).
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IStartupFilter, TestRemoteIpStartupFilter>();
            services.AddSingleton<ILoggerProvider>(Errors);
            ConfigureServices?.Invoke(services);
        });
    }

    /// <summary>The port of the Kestrel listener after <see cref="StartOnNetwork"/>.</summary>
    public int Port { get; private set; }

    /// <summary>
    /// Serves on a real socket at 127.0.0.1 instead of the in-memory TestServer, so clients connect
    /// from real loopback addresses (<see cref="CreateLoopbackBrowser"/>).
    /// </summary>
    public void StartOnNetwork()
    {
        Port = BffPlatform.Testing.Processes.FreePort.Next();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        StartServer();
    }

    /// <summary>A browser connecting from <paramref name="localAddress"/> (127.0.0.2, ...) to the <see cref="StartOnNetwork"/> listener.</summary>
    public HttpClient CreateLoopbackBrowser(string localAddress) => LoopbackClient.Create(Port, localAddress);

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests read each hop).</summary>
    public HttpClient CreateBrowser(string? remoteIp = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(Issuer) });
        if (remoteIp is not null) client.DefaultRequestHeaders.Add(RemoteIpHeader, remoteIp);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepData)
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Set when another factory reuses <see cref="DataDirectory"/> after this one.</summary>
    public bool KeepData { get; set; }

    /// <summary>TestServer has no client socket: take the caller's IP from a test header (default 127.0.0.1); Kestrel's stays.</summary>
    private sealed class TestRemoteIpStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteIpHeader, out var ip))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
                }
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
