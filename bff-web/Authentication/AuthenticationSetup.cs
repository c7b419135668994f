using Microsoft.AspNetCore.Authentication;
using BffPlatform.BffWeb.Sessions;
using BffPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Authentication;

public static class AuthenticationSetup
{
    private static readonly PathString OidcCallbackPath = "/signin-oidc";

    /// <summary>
    /// Cookie sessions backed by the server-side store, signed in through OpenID Connect
    /// (code + PKCE, confidential client), with token refresh and API-style challenges.
    /// </summary>
    public static WebApplicationBuilder AddBffAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OidcClientOptions>().Bind(builder.Configuration.GetSection(OidcClientOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcClientOptions>, OidcClientOptionsValidator>();

        services.AddHttpClient(AuthSchemes.OidcBackchannelClient, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IOidcTokenClient, OidcTokenClient>();
        services.AddScoped<BffCookieEvents>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Cookie;
                // Challenges from authorization go to the cookie handler, which answers 401 Problem
                // Details; only /bff/login sends the browser to identity.
                o.DefaultChallengeScheme = AuthSchemes.Cookie;
                o.DefaultForbidScheme = AuthSchemes.Cookie;
                o.DefaultSignOutScheme = AuthSchemes.Cookie;
            })
            .AddCookie(AuthSchemes.Cookie)
            .AddOpenIdConnect(AuthSchemes.Oidc, _ => { });

        services.AddOptions<CookieAuthenticationOptions>(AuthSchemes.Cookie)
            .Configure<IOptions<BffSessionOptions>, ServerSideTicketStore, TimeProvider>((cookie, session, store, time) =>
            {
                var s = session.Value;
                cookie.Cookie.Name = s.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.Cookie.SameSite = s.SameSite;
                cookie.Cookie.Path = s.Path;
                cookie.Cookie.Domain = s.Domain;
                cookie.Cookie.IsEssential = true;
                cookie.ExpireTimeSpan = s.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.SessionStore = store;
                cookie.CookieManager = new FreshSessionCookieManager(new ChunkingCookieManager(), OidcCallbackPath);
                cookie.EventsType = typeof(BffCookieEvents);
                cookie.TimeProvider = time;
            });

        // After the cookie handler's own post-configure has made the Data Protection format.
        services.AddOptions<CookieAuthenticationOptions>(AuthSchemes.Cookie)
            .PostConfigure<TimeProvider, IOptionsMonitor<BffSessionOptions>>((cookie, time, session) =>
                cookie.TicketDataFormat = new CachingTicketDataFormat(cookie.TicketDataFormat, time, session));

        services.AddOptions<OpenIdConnectOptions>(AuthSchemes.Oidc)
            .Configure<IOptions<OidcClientOptions>>((oidc, client) => ConfigureOidc(oidc, client.Value));

        services.AddAuthorization();
        return builder;
    }

    private static void ConfigureOidc(OpenIdConnectOptions oidc, OidcClientOptions client)
    {
        oidc.SignInScheme = AuthSchemes.Cookie;
        oidc.Authority = client.Authority;
        oidc.RequireHttpsMetadata = client.RequireHttpsMetadata;
        oidc.ClientId = client.ClientId;
        oidc.ClientSecret = client.ClientSecret;
        oidc.ResponseType = "code";
        oidc.ResponseMode = client.ResponseMode;
        oidc.UsePkce = true;
        oidc.SaveTokens = true;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = client.GetClaimsFromUserInfoEndpoint;
        oidc.Resource = client.Resource;
        oidc.Scope.Clear();
        foreach (var scope in client.EffectiveScopes.Distinct())
        {
            oidc.Scope.Add(scope);
        }
        oidc.CallbackPath = OidcCallbackPath;
        oidc.SignedOutCallbackPath = "/signout-callback-oidc";
        oidc.SignedOutRedirectUri = "/";
        oidc.DisableTelemetry = true;
        oidc.TokenValidationParameters.NameClaimType = "name";
        oidc.TokenValidationParameters.RoleClaimType = "role";
        oidc.TokenValidationParameters.ClockSkew = client.ClockSkew;
        // Keep the identity provider's session id: /bff/logout and back-channel logout need it.
        oidc.ClaimActions.Remove("sid");
        oidc.ClaimActions.MapJsonKey("role", "role");
        oidc.ClaimActions.MapUniqueJsonKey("email", "email");
        oidc.ClaimActions.MapUniqueJsonKey("name", "name");
        // The return URL comes back from the protected state: follow it only as the platform's local,
        // encoded form (a non-ASCII Location header fails the response after the session is stored).
        oidc.Events.OnTicketReceived = context =>
        {
            context.ReturnUri = LocalUrl.NormalizeOrRoot(context.ReturnUri);
            return Task.CompletedTask;
        };
    }
}
