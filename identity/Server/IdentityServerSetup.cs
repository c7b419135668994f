using BffPlatform.Identity.Account;
using BffPlatform.Identity.Configuration;
using BffPlatform.Identity.Data;
using BffPlatform.Identity.Sessions;
using BffPlatform.Identity.SignOut;
using BffPlatform.ServiceDefaults.DataProtection;
using BffPlatform.ServiceDefaults.Hosting;
using BffPlatform.ServiceDefaults.Redis;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BffPlatform.Identity.Server;

internal static class IdentityServerSetup
{
    public const string TokenCorsPolicy = "token-endpoint";

    /// <summary>Options, database, users, the OpenIddict server, sessions and back-channel logout, sign-in throttling.</summary>
    public static void AddIdentityServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityServerOptions>()
            .Bind(builder.Configuration.GetSection(IdentityServerOptions.SectionName))
            .PostConfigure(options =>
            {
                options.Keys.Directory = options.Keys.Directory is { Length: > 0 } keys
                    ? DataPaths.Resolve(builder.Environment, keys)
                    : Path.Combine(DataPaths.ServiceDataDirectory(builder.Environment, builder.Configuration, DatabaseSetup.ServiceName), "keys");
                if (options.Keys.Signing.Length == 0) options.Keys.Signing = [KeyOptions.DefaultSigning];
                if (options.Keys.Encryption.Length == 0) options.Keys.Encryption = [KeyOptions.DefaultEncryption];
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentityServerOptions>, IdentityServerOptionsValidator>();
        // OpenIddict, sign-in attempts, device cookies and the cookie all read the clock from here (tests swap it).
        builder.Services.TryAddSingleton(TimeProvider.System);

        var database = builder.AddIdentityDatabase();
        builder.AddUsers();
        builder.AddOpenIddictServer(database);

        builder.Services.AddScoped<SessionRegistry>();
        builder.Services.AddScoped<SessionTerminator>();
        builder.Services.AddScoped<AuthorizationRevoker>();
        builder.Services.AddSingleton<BackChannelLogoutSender>();
        builder.Services.AddHttpClient(BackChannelLogoutSender.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<IdentityServerOptions>>().Value.BackChannelLogoutTimeout);

        builder.Services.AddSignInThrottling();
        // Shared by every instance when Redis is configured (the scaled-out mode), else in this process.
        if (builder.AddPlatformRedis())
        {
            builder.Services.AddSingleton<FailedSignIns, RedisFailedSignIns>();
        }
        else
        {
            builder.Services.AddSingleton<FailedSignIns, MemoryFailedSignIns>();
        }
        // Device cookies, the sign-in cookie and antiforgery tokens: any instance reads any instance's.
        builder.AddPlatformDataProtection(DatabaseSetup.ServiceName);
        builder.Services.AddSingleton<DeviceCookies>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "bffplatform.identity.af");
        builder.Services.AddCors(cors => cors.AddPolicy(TokenCorsPolicy, _ => { }));
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<IdentityServerOptions>>((cors, identity) => cors.AddPolicy(TokenCorsPolicy, policy => policy
                .WithOrigins(identity.Value.TokenEndpointCorsOrigins)
                .WithMethods(HttpMethods.Post)
                .WithHeaders("Content-Type", "Authorization", "X-Requested-With")));
        builder.Services.AddScoped<IdentitySeeder>();
    }

    private static void AddUsers(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Failed sign-ins never lock a user (PasswordSignIn slows untrusted clients instead): a
                // lockout is only an administrator disabling a user, which also ends their refresh tokens.
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "bffplatform.identity";
            cookie.Cookie.HttpOnly = true;
            // Lax: the authorize redirect from a client is a top-level cross-site navigation.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = AccountEndpoints.LoginPath;
            cookie.SlidingExpiration = false;
        });
        builder.Services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<IdentityServerOptions>>((cookie, platform) => cookie.ExpireTimeSpan = platform.Value.SessionLifetime);
        // The security stamp check rebuilds the cookie principal: keep the session id across it.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(Connect.TokenClaims.SessionId) is { } sid && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                identity.AddClaim(new System.Security.Claims.Claim(sid.Type, sid.Value));
            }
            return Task.CompletedTask;
        });
    }
}
