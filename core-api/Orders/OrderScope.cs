using System.Security.Claims;
using BffPlatform.Contracts.Users;
using BffPlatform.CoreApi.Partners;
using BffPlatform.ServiceDefaults.Auth;

namespace BffPlatform.CoreApi.Orders;

/// <summary>
/// The orders a caller may see and change: a null <see cref="Owner"/> means every order (staff
/// and services acting as themselves); <see cref="Test"/>, when set, the environment as well.
/// A customer sees their own live orders; a partner (through public-api) those of the
/// environment its key acts in, never the other one.
/// </summary>
public sealed record OrderScope(string? Owner, bool? Test)
{
    public static readonly OrderScope Everything = new(null, null);

    public bool Sees(Order order) =>
        (Owner is null || order.CustomerId == Owner) && (Test is null || order.Test == Test);

    public static OrderScope Of(HttpContext http) =>
        http.PartnerCaller() is { } partner ? new(partner.CustomerId, partner.Test)
        : ReadsAll(http.User) ? Everything
        : new(OwnerId(http.User), false);

    /// <summary>Whose orders a caller places and owns: a partner, a user's subject, or a service's client id.</summary>
    public static string OwnerId(HttpContext http) => http.PartnerCaller()?.CustomerId ?? OwnerId(http.User);

    /// <summary>A caller acting as itself: a user's subject, or a service's client id.</summary>
    public static string OwnerId(ClaimsPrincipal caller) =>
        (caller.IsServiceCaller() ? caller.ClientId() ?? caller.SubjectId() : caller.SubjectId()) ?? "";

    /// <summary>Staff users and services (already past OrdersRead) read every order, unless they act for a partner.</summary>
    private static bool ReadsAll(ClaimsPrincipal caller) => caller.IsServiceCaller() || caller.IsInRole(Roles.Staff);
}
