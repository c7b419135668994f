using System.Globalization;
using System.Security.Claims;
using BffPlatform.BffHosting.Tokens;
using BffPlatform.BffWeb.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace BffPlatform.BffWeb.Tests.Infrastructure;

/// <summary>
/// bff-web in memory with its own data folder, a fake identity provider (token and revocation
/// endpoints, signing key), a controllable clock and a test-only sign-in endpoint that goes
/// through the real cookie handler and session store.
/// </summary>
/// <summary>A signed-in session: the refresh token identity issued, and the cookie ("__Host-bff=...").</summary>
public sealed record SignedIn(string RefreshToken, string Cookie);

public sealed class BffWebFactory : WebApplicationFactory<Program>
{
    public const string SignInPath = "/__test/signin";
    private readonly Dictionary<string, string?> _settings = new();

    public BffWebFactory()
    {
        DataDirectory = Directory.CreateTempSubdirectory("bffweb-test-").FullName;
        SpaRoot = Path.Combine(DataDirectory, "spa");
        Directory.CreateDirectory(Path.Combine(SpaRoot, "assets"));
        File.WriteAllText(Path.Combine(SpaRoot, "index.html"), "<!doctype html><html><body><div id=\"root\">shop</div></body></html>");
        File.WriteAllText(Path.Combine(SpaRoot, "assets", "app-abc123.js"), "console.log('shop');");
        // Nothing listens on port 9 of loopback: connection refused, i.e. core-api is down.
        _settings["CoreApi:BaseAddress"] = "http://127.0.0.1:9/";
    }

    public string DataDirectory { get; }

    /// <summary>Leave the data folder in place on dispose (a restart test reuses it).</summary>
    public bool KeepData { get; set; }
    public string SpaRoot { get; }
    public FakeIdentityProvider Identity { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Sets a configuration value before the app starts.</summary>
    public BffWebFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>An HttpClient on https (the session cookie is Secure) that keeps cookies.</summary>
    public HttpClient CreateBrowser(bool allowRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = allowRedirects });

    /// <summary>Signs a user in through the real cookie handler; returns the refresh token it holds and the cookie.</summary>
    public async Task<SignedIn> SignInAsync(HttpClient browser, string sub = "alice", string sid = "sid-1", TimeSpan? accessTokenLifetime = null, string role = "customer")
    {
        var refreshToken = Identity.IssueRefreshToken();
        var expiresAt = Time.GetUtcNow() + (accessTokenLifetime ?? TimeSpan.FromHours(1));
        var response = await browser.PostAsync(
            $"{SignInPath}?sub={sub}&sid={sid}&role={role}&refresh={refreshToken}&expiresAt={Uri.EscapeDataString(expiresAt.ToString("o", CultureInfo.InvariantCulture))}",
            null);
        response.EnsureSuccessStatusCode();
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-bff=", StringComparison.Ordinal)).Split(';')[0];
        return new SignedIn(refreshToken, cookie);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Data:Directory", DataDirectory);
        builder.UseSetting("Spa:RootPath", SpaRoot);
        builder.UseSetting("Oidc:Authority", FakeIdentityProvider.Issuer);
        builder.UseSetting("Oidc:RequireHttpsMetadata", "true");
        builder.UseSetting("TokenClient:TokenEndpoint", Identity.Configuration.TokenEndpoint);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.Configure<OpenIdConnectOptions>(AuthSchemes.Oidc, o => o.Configuration = Identity.Configuration);
            services.AddHttpClient(AuthSchemes.OidcBackchannelClient).ConfigurePrimaryHttpMessageHandler(() => Identity.Handler);
            services.AddHttpClient(TokenSetup.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Identity.Handler);
            services.AddSingleton<IStartupFilter, TestSignInStartupFilter>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (KeepData)
        {
            return;
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>POST /__test/signin: what the OIDC handler does after a code exchange, minus identity.</summary>
    private sealed class TestSignInStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != SignInPath)
                {
                    await nextMiddleware(context);
                    return;
                }
                var q = context.Request.Query;
                var identity = new ClaimsIdentity(
                    [new Claim("sub", q["sub"]!), new Claim("sid", q["sid"]!), new Claim("name", "Alice Martin"), new Claim("role", q["role"]!)],
                    "test", "name", "role");
                var properties = new AuthenticationProperties();
                properties.StoreTokens(
                [
                    new AuthenticationToken { Name = "access_token", Value = "at-initial-" + q["refresh"] },
                    new AuthenticationToken { Name = "refresh_token", Value = q["refresh"]! },
                    new AuthenticationToken { Name = "id_token", Value = "id-token" },
                    new AuthenticationToken { Name = "expires_at", Value = q["expiresAt"]! },
                ]);
                await context.SignInAsync(AuthSchemes.Cookie, new ClaimsPrincipal(identity), properties);
            });
            next(app);
        };
    }
}
