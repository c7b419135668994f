using BffPlatform.Contracts.Common;

namespace BffPlatform.Identity.Configuration;

/// <summary>The scopes identity knows. Every API scope and <c>core-api</c> grant the <c>core-api</c> audience.</summary>
public static class IdentityScopes
{
    public const string Profile = "profile";
    public const string Email = "email";
    public const string Roles = "roles";
    public const string OfflineAccess = "offline_access";

    public static readonly string[] Api =
    [
        Scopes.Audience, Scopes.CatalogRead, Scopes.CatalogWrite, Scopes.OrdersRead, Scopes.OrdersWrite,
        Scopes.OrdersAdmin, Scopes.UsersRead, Scopes.OutboxRead, Scopes.PartnersAdmin, Scopes.PartnersAct,
    ];

    public static readonly string[] All = [Profile, Email, Roles, OfflineAccess, .. Api];
}
