using BffPlatform.Identity.Configuration;
using BffPlatform.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BffPlatform.Identity.Server;

/// <summary>
/// Brings the registered clients and demo users in line with configuration (idempotent: a changed
/// redirect URI or secret is updated). Part of the migration step (<see cref="IdentityMigrationHooks"/>).
/// </summary>
internal sealed class IdentitySeeder(
    IOpenIddictApplicationManager applications,
    UserManager<AppUser> users,
    IOptions<IdentityServerOptions> options,
    ILogger<IdentitySeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        foreach (var (clientId, client) in options.Value.Clients)
        {
            var descriptor = Describe(clientId, client);
            var existing = await applications.FindByClientIdAsync(clientId, ct);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, ct);
                logger.LogInformation("Registered client {ClientId}", clientId);
            }
            else
            {
                await applications.UpdateAsync(existing, descriptor, ct);
            }
        }

        foreach (var demo in options.Value.DemoUsers)
        {
            await SeedUserAsync(users, demo);
        }
    }

    internal static OpenIddictApplicationDescriptor Describe(string clientId, ClientOptions client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = client.DisplayName ?? clientId,
            ClientType = client.IsPublic ? ClientTypes.Public : ClientTypes.Confidential,
            ClientSecret = client.IsPublic ? null : client.Secret,
            ApplicationType = client.IsPublic ? ApplicationTypes.Native : ApplicationTypes.Web,
            ConsentType = ConsentTypes.Implicit,
        };
        foreach (var uri in client.RedirectUris) descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        foreach (var uri in client.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));

        var p = descriptor.Permissions;
        p.Add(Permissions.Endpoints.Token);
        p.Add(Permissions.Endpoints.Revocation);
        if (client.Grants.Contains(ClientGrants.AuthorizationCode))
        {
            p.Add(Permissions.Endpoints.Authorization);
            p.Add(Permissions.Endpoints.EndSession);
            p.Add(Permissions.GrantTypes.AuthorizationCode);
            p.Add(Permissions.ResponseTypes.Code);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }
        if (client.Grants.Contains(ClientGrants.RefreshToken)) p.Add(Permissions.GrantTypes.RefreshToken);
        if (client.Grants.Contains(ClientGrants.ClientCredentials)) p.Add(Permissions.GrantTypes.ClientCredentials);
        if (client.Grants.Contains(ClientGrants.TokenExchange))
        {
            p.Add(Permissions.GrantTypes.TokenExchange);
            p.Add(Permissions.Prefixes.Audience + Contracts.Common.Scopes.Audience);
        }
        foreach (var scope in client.Scopes.Union(client.ClientCredentialsScopes).Where(s => s != Scopes.OpenId))
        {
            p.Add(Permissions.Prefixes.Scope + scope);
        }
        return descriptor;
    }

    private async Task SeedUserAsync(UserManager<AppUser> users, DemoUserOptions demo)
    {
        var user = await users.FindByEmailAsync(demo.Email);
        if (user is null)
        {
            user = new AppUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = demo.Name, Role = demo.Role };
            var created = await users.CreateAsync(user, demo.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {demo.Email} could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
            logger.LogInformation("Seeded demo user {Email} ({Role})", demo.Email, demo.Role);
            return;
        }
        if (user.DisplayName != demo.Name || user.Role != demo.Role)
        {
            user.DisplayName = demo.Name;
            user.Role = demo.Role;
            await users.UpdateAsync(user);
        }
    }
}
