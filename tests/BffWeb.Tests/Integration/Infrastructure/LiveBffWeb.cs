using System.Net;
using BffPlatform.BffWeb.Authentication;
using BffPlatform.BffWeb.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Tests.Integration.Infrastructure;

/// <summary>
/// bff-web in this process on Kestrel at 127.0.0.1:<c>port</c> (identity must reach
/// /bff/backchannel over the network), wired to the real identity and core-api, with its own data
/// folder and a counter on the HttpClient that calls identity's token endpoint for refreshes.
/// </summary>
public sealed class LiveBffWeb(int port, string identityUrl, string coreApiUrl, string dataDirectory) : WebApplicationFactory<Program>
{
    public string BaseUrl { get; } = $"http://127.0.0.1:{port}";

    public TokenEndpointCounter TokenCalls { get; } = new();

    /// <summary>When set, replaces the return URL /signin-oidc follows after bff-web's own handling (to make a sign-in fail late).</summary>
    public Func<string?, string?>? RewriteReturnUri { get; set; }

    public void Start()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var spaRoot = Directory.CreateDirectory(Path.Combine(dataDirectory, "spa")).FullName;
        File.WriteAllText(Path.Combine(spaRoot, "index.html"), "<!doctype html><html><body><div id=\"root\">shop</div></body></html>");

        builder.UseEnvironment("Development");
        builder.UseSetting("Data:Directory", dataDirectory);
        builder.UseSetting("Spa:RootPath", spaRoot);
        builder.UseSetting("Oidc:Authority", identityUrl + "/");
        builder.UseSetting("CoreApi:BaseAddress", coreApiUrl + "/");
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(AuthSchemes.OidcBackchannelClient).AddHttpMessageHandler(() => new CountingHandler(TokenCalls));
            services.PostConfigure<OpenIdConnectOptions>(AuthSchemes.Oidc, oidc =>
            {
                var handle = oidc.Events.OnTicketReceived;
                oidc.Events.OnTicketReceived = async context =>
                {
                    await handle(context);
                    if (RewriteReturnUri is { } rewrite) context.ReturnUri = rewrite(context.ReturnUri);
                };
            });
        });
    }

    /// <summary>The server-side session a cookie value ("__Host-bff" value) points to, or null when it is gone.</summary>
    public async Task<UserSession?> SessionOfAsync(string cookieValue)
    {
        var options = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AuthSchemes.Cookie);
        var ticket = options.TicketDataFormat.Unprotect(cookieValue) ?? throw new InvalidOperationException("Not a session cookie of this bff-web.");
        // The cookie handler keeps the store's key in this claim when a session store is set.
        var key = ticket.Principal.FindFirst("Microsoft.AspNetCore.Authentication.Cookies-SessionId")?.Value
            ?? throw new InvalidOperationException("The cookie holds no session key.");
        return await Services.GetRequiredService<IUserSessionStore>().GetAsync(key, CancellationToken.None);
    }

    /// <summary>The tokens stored server-side for a session.</summary>
    public AuthenticationProperties TokensOf(UserSession session) =>
        Services.GetRequiredService<ServerSideTicketStore>().Unprotect(session.Ticket)?.Properties
        ?? throw new InvalidOperationException("The stored ticket cannot be read.");

    /// <summary>Makes the stored access token look expired to bff-web (identity still holds the refresh token).</summary>
    public async Task ExpireAccessTokenAsync(UserSession session)
    {
        var tickets = Services.GetRequiredService<ServerSideTicketStore>();
        var ticket = tickets.Unprotect(session.Ticket) ?? throw new InvalidOperationException("The stored ticket cannot be read.");
        var expired = TimeProvider.System.GetUtcNow().AddMinutes(-5).ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        ticket.Properties.UpdateTokenValue("expires_at", expired);
        await tickets.RenewAsync(session.Key, ticket, null!, CancellationToken.None);
    }

    /// <summary>Counts calls to identity's token endpoint made through bff-web's back-channel client.</summary>
    public sealed class TokenEndpointCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        internal void Increment() => Interlocked.Increment(ref _count);
    }

    private sealed class CountingHandler(TokenEndpointCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.EndsWith("/connect/token", StringComparison.Ordinal) == true)
            {
                counter.Increment();
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
