using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Users;
using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Entra;
using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;

namespace BffPlatform.CoreApi.Authentication;

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
            .AddPolicy(Policies.CatalogRead, p => p.RequireAssertion(c => HasAnyScope(c.User, Scopes.CatalogRead, Scopes.CatalogWrite)))
            .AddPolicy(Policies.CatalogWrite, p => p.RequireAssertion(c => StaffOrServiceWithScope(c.User, Scopes.CatalogWrite)))
            .AddPolicy(Policies.OrdersRead, p => p.RequireAssertion(c => HasAnyScope(c.User, Scopes.OrdersRead, Scopes.OrdersAdmin)))
            .AddPolicy(Policies.OrdersWrite, p => p.RequireAssertion(c => HasAnyScope(c.User, Scopes.OrdersWrite)))
            .AddPolicy(Policies.OrdersAdmin, p => p.RequireAssertion(c => StaffOrServiceWithScope(c.User, Scopes.OrdersAdmin)))
            .AddPolicy(Policies.UsersRead, p => p.RequireAssertion(c => StaffOrServiceWithScope(c.User, Scopes.UsersRead)))
            .AddPolicy(Policies.OutboxRead, p => p.RequireAssertion(c => StaffOrServiceWithScope(c.User, Scopes.OutboxRead)))
            .AddPolicy(Policies.PartnersAdmin, p => p.RequireAssertion(c => IsPartnerAdmin(c.User)))
            .AddPolicy(Policies.PartnersAct, p => p.RequireAssertion(c => IsPartnerActor(c.User)))
            .AddPolicy(Policies.PartnerUsageRead, p => p.RequireAssertion(c => IsPartnerAdmin(c.User) || IsPartnerActor(c.User)))
            .AddPolicy(Policies.User, p => p.RequireAssertion(c => c.User.IsUserCaller()));
        return builder;
    }

    /// <summary>
    /// The token carries the scope, user and service tokens alike (a token limited to
    /// <c>catalog.read</c> places no order, whoever it acts for); a user must also be staff.
    /// </summary>
    public static bool StaffOrServiceWithScope(ClaimsPrincipal caller, string scope) =>
        HasAnyScope(caller, scope) && (caller.IsServiceCaller() || caller.IsInRole(Roles.Staff));

    /// <summary>The token carries one of the scopes, user and service tokens alike.</summary>
    public static bool HasAnyScope(ClaimsPrincipal caller, params string[] scopes) =>
        caller.Identity?.IsAuthenticated == true && scopes.Any(caller.HasScope);

    /// <summary>
    /// A staff user with <c>partners.admin</c>. Never a service: every change to partners and keys
    /// is audited with the person who made it.
    /// </summary>
    public static bool IsPartnerAdmin(ClaimsPrincipal caller) =>
        caller.IsUserCaller() && caller.IsInRole(Roles.Staff) && caller.HasScope(Scopes.PartnersAdmin);

    /// <summary>public-api's own token: a service with <c>partners.act</c>.</summary>
    public static bool IsPartnerActor(ClaimsPrincipal caller) =>
        caller.Identity?.IsAuthenticated == true && caller.IsServiceCaller() && caller.HasScope(Scopes.PartnersAct);

    /// <summary>Sees inactive products and may edit the catalog.</summary>
    public static bool IsCatalogManager(this ClaimsPrincipal caller) => StaffOrServiceWithScope(caller, Scopes.CatalogWrite);
}
