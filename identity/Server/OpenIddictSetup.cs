using BffPlatform.Identity.Configuration;
using BffPlatform.Identity.Data;
using BffPlatform.Identity.Keys;
using BffPlatform.Identity.SignOut;
using BffPlatform.ServiceDefaults.Data;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BffPlatform.Identity.Server;

internal static class OpenIddictSetup
{
    public const string AuthorizeUri = "connect/authorize";
    public const string TokenUri = "connect/token";
    public const string EndSessionUri = "connect/endsession";
    public const string RevocationUri = "connect/revoke";
    public const string UserInfoUri = "connect/userinfo";

    /// <summary>The OpenIddict server: endpoints, flows, keys and token lifetimes from <c>Identity</c>.</summary>
    public static void AddOpenIddictServer(this WebApplicationBuilder builder, PlatformDatabase database)
    {
        // Scaled out, every instance must publish the same keys: one generating its own would split them.
        var refuseGeneration = database.Provider == DatabaseProvider.Postgres
            ? $"{PlatformDatabase.ProviderKey} is {DatabaseProvider.Postgres} (the scaled-out mode), and instances that each generate a key publish different keys."
            : null;
        builder.Services.AddSingleton(sp => KeyRing.Load(
            sp.GetRequiredService<IOptions<IdentityServerOptions>>().Value.Keys,
            refuseGeneration,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<KeyRing>()));

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(AuthorizeUri)
                    .SetTokenEndpointUris(TokenUri)
                    .SetEndSessionEndpointUris(EndSessionUri)
                    .SetRevocationEndpointUris(RevocationUri)
                    .SetUserInfoEndpointUris(UserInfoUri);

                server.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .AllowTokenExchangeFlow();
                // Every code-flow client must prove possession of the verifier (public and confidential alike).
                server.RequireProofKeyForCodeExchange();
                // Revoking a refresh token (an app signing out) revokes its whole authorization.
                server.AddEventHandler(RevokeWholeAuthorization.Descriptor);

                server.RegisterScopes([Scopes.OpenId, .. IdentityScopes.All]);
                // RFC 8707 resource indicators must be absolute URIs, and the platform's audience is the
                // logical name "core-api": clients ask for it with the core-api scope, and the token
                // exchange "audience" parameter (a logical name) may name it.
                server.RegisterAudiences(Contracts.Common.Scopes.Audience);

                // APIs validate access tokens themselves with the published keys (any JwtBearer does):
                // signed JWTs, not encrypted ones.
                server.DisableAccessTokenEncryption();

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    // Errors that cannot go back to a validated redirect_uri (unknown client,
                    // unregistered redirect or post-logout URI) become Problem Details.
                    .EnableStatusCodePagesIntegration();
                if (builder.Environment.IsDevelopment())
                {
                    // Plain http on loopback for run.sh and tests; everywhere else https is required.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        builder.Services.AddOptions<ProblemDetailsOptions>().PostConfigure(problems =>
        {
            var platform = problems.CustomizeProblemDetails;
            problems.CustomizeProblemDetails = context =>
            {
                platform?.Invoke(context);
                // Say what OpenIddict refused (e.g. "The specified 'redirect_uri' is not valid for this client application.").
                if (context.HttpContext.GetOpenIddictServerResponse() is { Error: { } error } response)
                {
                    context.ProblemDetails.Title = "The OpenID Connect request was refused.";
                    context.ProblemDetails.Detail = $"{error}: {response.ErrorDescription}";
                }
            };
        });

        builder.Services.AddOptions<OpenIddictServerOptions>()
            .Configure<IOptions<IdentityServerOptions>, KeyRing>((server, platform, keys) => Configure(server, platform.Value, keys))
            // Build the server options (and so load or generate the keys) at start-up: a missing previous
            // key must stop the start, not fail the first token request; keys exist before any request.
            .ValidateOnStart();
    }

    private static void Configure(OpenIddictServerOptions server, IdentityServerOptions options, KeyRing keys)
    {
        server.Issuer = new Uri(options.Issuer, UriKind.Absolute);
        server.AccessTokenLifetime = options.AccessTokenLifetime;
        server.IdentityTokenLifetime = options.IdentityTokenLifetime;
        server.RefreshTokenLifetime = options.RefreshTokenLifetime;
        server.AuthorizationCodeLifetime = options.AuthorizationCodeLifetime;
        server.RefreshTokenReuseLeeway = options.RefreshTokenReuseLeeway;

        // PKCE with S256 only: "plain" would send the verifier itself through the browser.
        server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);

        // Token exchange: only access tokens may be exchanged (OpenIddict also accepts ID and
        // refresh tokens by default, which would turn a long-lived token into access).
        server.SubjectTokenTypes.Clear();
        server.SubjectTokenTypes.Add(TokenTypeIdentifiers.AccessToken);

        // The current key comes first: OpenIddict signs with the first credentials and publishes all.
        foreach (var key in keys.Signing)
        {
            server.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        }
        foreach (var key in keys.Encryption)
        {
            server.EncryptionCredentials.Add(new EncryptingCredentials(key, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }
}
