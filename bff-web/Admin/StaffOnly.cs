using BffPlatform.Contracts.Users;
using Microsoft.AspNetCore.Authorization;

namespace BffPlatform.BffWeb.Admin;

/// <summary>
/// The staff screens' policy, checked by bff-web before core-api is asked: core-api answers some
/// of the same calls for customers too (its "list orders" is a customer's "my orders"), so its
/// check alone would let a staff route answer a customer 200. Anyone else gets 403 Problem Details
/// from the cookie handler.
/// </summary>
internal static class StaffOnly
{
    public static readonly AuthorizationPolicy Policy = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireClaim("role", Roles.Staff)
        .Build();
}
