using System.Collections.Immutable;
using System.Security.Claims;
using BffPlatform.Identity.Configuration;
using BffPlatform.Identity.Data;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BffPlatform.Identity.Connect;

internal static class TokenEndpoint
{
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>
    /// OpenIddict has authenticated the client and validated the grant (code + PKCE verifier,
    /// refresh token rotation and reuse, subject token); this decides what the new tokens say.
    /// </summary>
    public static async Task<IResult> HandleAsync(
        HttpContext context, UserManager<AppUser> users, IOpenIddictApplicationManager applications, IOptions<IdentityServerOptions> options, CancellationToken ct)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            return await UserGrantAsync(context, users);
        }
        if (request.IsClientCredentialsGrantType())
        {
            return await ClientCredentialsAsync(request, applications, options.Value, ct);
        }
        if (request.IsTokenExchangeGrantType())
        {
            return await TokenExchangeAsync(context, request);
        }
        return Results.Forbid(AuthorizeEndpoint.Error(Errors.UnsupportedGrantType, "The grant type is not supported."), [Scheme]);
    }

    /// <summary>Code and refresh: the stored principal, with the user's current profile (and refused if the user is gone or locked).</summary>
    private static async Task<IResult> UserGrantAsync(HttpContext context, UserManager<AppUser> users)
    {
        var result = await context.AuthenticateAsync(Scheme);
        var user = result.Principal?.GetClaim(Claims.Subject) is { } sub ? await users.FindByIdAsync(sub) : null;
        if (result.Principal is null || user is null || await users.IsLockedOutAsync(user))
        {
            return Results.Forbid(AuthorizeEndpoint.Error(Errors.InvalidGrant, "The user can no longer sign in."), [Scheme]);
        }
        var identity = new ClaimsIdentity(result.Principal.Claims, Scheme, Claims.Name, Claims.Role).SetUser(user).WithDestinations();
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
    }

    /// <summary>
    /// A service token: <c>sub</c> = client id, the requested scopes (or all the client's own token may
    /// have), audience core-api. A client whose <c>ClientCredentialsScopes</c> are narrower than its
    /// sign-in scopes (bff-web) gets no more than those: asking for more is invalid_scope.
    /// </summary>
    private static async Task<IResult> ClientCredentialsAsync(
        OpenIddictRequest request, IOpenIddictApplicationManager applications, IdentityServerOptions options, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(request.ClientId!, ct)
            ?? throw new InvalidOperationException("The authenticated client is not registered.");
        // OpenIddict has checked the requested scopes against the client's permissions (its sign-in scopes too).
        var scopes = request.GetScopes();
        var own = options.Clients.TryGetValue(request.ClientId!, out var client) && client.ClientCredentialsScopes.Length > 0
            ? client.ClientCredentialsScopes
            : null;
        if (own is not null && scopes.Any(s => !own.Contains(s, StringComparer.Ordinal)))
        {
            return Results.Forbid(AuthorizeEndpoint.Error(Errors.InvalidScope, "The client's own tokens may not carry these scopes."), [Scheme]);
        }
        if (scopes.IsEmpty)
        {
            scopes = own is not null ? [.. own] : await ApiScopesAsync(applications, application, ct);
        }

        var identity = TokenClaims.NewIdentity();
        identity.SetClaim(Claims.Subject, request.ClientId)
            .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, ct) ?? request.ClientId);
        identity.SetScopes(scopes.Where(s => s != Scopes.OfflineAccess && s != Scopes.OpenId));
        identity.SetResources(Contracts.Common.Scopes.Audience);
        identity.WithDestinations();
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
    }

    /// <summary>The API scopes among a client's permissions.</summary>
    private static async Task<ImmutableArray<string>> ApiScopesAsync(IOpenIddictApplicationManager applications, object application, CancellationToken ct) =>
        (await applications.GetPermissionsAsync(application, ct))
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])
            .Where(s => IdentityScopes.Api.Contains(s, StringComparer.Ordinal))
            .ToImmutableArray();

    /// <summary>
    /// RFC 8693 for bff-mobile: OpenIddict accepts only access tokens as subject tokens (see
    /// OpenIddictSetup), and this only those issued to a user for the exchanging client itself
    /// (audience = its client id: the app's tokens for bff-mobile; never a token meant for core-api
    /// or bff-web, nor the client's own client-credentials token). The new token keeps the
    /// subject's user, has audience core-api, no wider scopes than the subject token, and never a
    /// refresh token.
    /// </summary>
    private static async Task<IResult> TokenExchangeAsync(HttpContext context, OpenIddictRequest request)
    {
        var result = await context.AuthenticateAsync(Scheme);
        var subject = result.Principal;
        if (subject is null || !subject.HasTokenType(TokenTypeIdentifiers.AccessToken))
        {
            return Results.Forbid(AuthorizeEndpoint.Error(Errors.InvalidGrant, "Only access tokens can be exchanged."), [Scheme]);
        }
        // OpenIddict lets an audience *or a presenter* exchange a token: a token bff-mobile obtained
        // for core-api (it is its presenter) must not pass.
        if (!subject.HasAudience(request.ClientId!))
        {
            return Results.Forbid(AuthorizeEndpoint.Error(Errors.InvalidGrant, "The subject token was not issued for this client."), [Scheme]);
        }

        var granted = subject.GetScopes();
        var requested = request.GetScopes();
        if (requested.Any(s => !granted.Contains(s)))
        {
            return Results.Forbid(AuthorizeEndpoint.Error(Errors.InvalidScope, "The requested scopes exceed the subject token's."), [Scheme]);
        }
        var scopes = (requested.IsEmpty ? granted : requested)
            .Where(s => s != Scopes.OfflineAccess && s != Scopes.OpenId);

        var identity = TokenClaims.NewIdentity();
        foreach (var type in new[] { Claims.Subject, Claims.Name, Claims.Email, Claims.Role })
        {
            if (subject.GetClaim(type) is { } value) identity.SetClaim(type, value);
        }
        identity.SetScopes(scopes);
        identity.SetResources(Contracts.Common.Scopes.Audience);
        identity.WithDestinations();
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
    }
}
