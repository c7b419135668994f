using BffPlatform.Contracts.Common;

namespace BffPlatform.CoreApi.Authentication;

/// <summary>
/// Authorization policy names. Every token needs the scope of what it does, user and service
/// tokens alike (a user token limited to <c>catalog.read</c> places no order). On top of the
/// scope a user token acts as its user: staff-only operations need the staff role too (a
/// customer's token that happens to carry <c>catalog.write</c> still cannot edit), and
/// ownership is checked by the endpoints. A service token acts by its scopes only.
/// </summary>
public static class Policies
{
    /// <summary><c>catalog.read</c> (or <c>catalog.write</c>).</summary>
    public const string CatalogRead = Scopes.CatalogRead;
    /// <summary><c>catalog.write</c>, and a user must be staff.</summary>
    public const string CatalogWrite = Scopes.CatalogWrite;
    /// <summary><c>orders.read</c> (or <c>orders.admin</c>): a customer reads their own orders and cart.</summary>
    public const string OrdersRead = Scopes.OrdersRead;
    /// <summary><c>orders.write</c>: a customer orders for themselves and changes their cart.</summary>
    public const string OrdersWrite = Scopes.OrdersWrite;
    /// <summary><c>orders.admin</c>, and a user must be staff (status changes, any order).</summary>
    public const string OrdersAdmin = Scopes.OrdersAdmin;
    /// <summary><c>users.read</c>, and a user must be staff.</summary>
    public const string UsersRead = Scopes.UsersRead;
    /// <summary><c>outbox.read</c>, and a user must be staff.</summary>
    public const string OutboxRead = Scopes.OutboxRead;
    /// <summary><c>partners.admin</c> on a staff user's token: partners, keys, audit. Service tokens are refused.</summary>
    public const string PartnersAdmin = Scopes.PartnersAdmin;
    /// <summary><c>partners.act</c> on a service token (public-api's): verify keys, report usage.</summary>
    public const string PartnersAct = Scopes.PartnersAct;
    /// <summary><see cref="PartnersAdmin"/> or <see cref="PartnersAct"/>; the endpoint checks which partner an actor may read.</summary>
    public const string PartnerUsageRead = "partners.usage";
    /// <summary>A user token (any role); service tokens are refused (carts, "me").</summary>
    public const string User = "user";
}
