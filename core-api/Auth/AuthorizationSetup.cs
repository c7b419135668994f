using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Users;
using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Entra;
using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;

namespace BffPlatform.CoreApi.Auth;

public static class AuthorizationSetup
{
    /// <summary>Bearer validation (audience core-api) and the policies of <see cref="Policies"/>.</summary>
    public static IHostApplicationBuilder AddCoreAuth(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformJwtBearer();
        // Authentication:Jwt:Provider=Entra works here; the other services stay free of MSAL.
        builder.AddEntraJwtBearerAdapter();
        builder.AddDevSigningKey();
        builder.Services.AddAuthorizationBuilder()
            // Every endpoint needs a valid token unless it says otherwise (health, docs).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.CatalogRead, p => p.RequireAssertion(c => AnyUserOrScope(c.User, Scopes.CatalogRead, Scopes.CatalogWrite)))
            .AddPolicy(Policies.CatalogWrite, p => p.RequireAssertion(c => StaffOrScope(c.User, Scopes.CatalogWrite)))
            .AddPolicy(Policies.OrdersRead, p => p.RequireAssertion(c => AnyUserOrScope(c.User, Scopes.OrdersRead, Scopes.OrdersAdmin)))
            .AddPolicy(Policies.OrdersWrite, p => p.RequireAssertion(c => AnyUserOrScope(c.User, Scopes.OrdersWrite)))
            .AddPolicy(Policies.OrdersAdmin, p => p.RequireAssertion(c => StaffOrScope(c.User, Scopes.OrdersAdmin)))
            .AddPolicy(Policies.UsersRead, p => p.RequireAssertion(c => StaffOrScope(c.User, Scopes.UsersRead)))
            .AddPolicy(Policies.OutboxRead, p => p.RequireAssertion(c => StaffOrScope(c.User, Scopes.OutboxRead)))
            .AddPolicy(Policies.User, p => p.RequireAssertion(c => c.User.IsUserCaller()));
        return builder;
    }

    /// <summary>A staff user; or a service caller holding the scope.</summary>
    public static bool StaffOrScope(ClaimsPrincipal caller, string scope) =>
        caller.Identity?.IsAuthenticated == true &&
        (caller.IsServiceCaller() ? caller.HasScope(scope) : caller.IsInRole(Roles.Staff));

    /// <summary>Any user; or a service caller holding one of the scopes.</summary>
    public static bool AnyUserOrScope(ClaimsPrincipal caller, params string[] scopes) =>
        caller.Identity?.IsAuthenticated == true &&
        (!caller.IsServiceCaller() || scopes.Any(caller.HasScope));

    /// <summary>Sees inactive products and may edit the catalog.</summary>
    public static bool IsCatalogManager(this ClaimsPrincipal caller) => StaffOrScope(caller, Scopes.CatalogWrite);
}
