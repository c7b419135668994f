using BffPlatform.Contracts.Common;

namespace BffPlatform.CoreApi.Auth;

/// <summary>
/// Authorization policy names. A user token acts as its user: only the role counts (a
/// customer's token that happens to carry <c>catalog.write</c> still cannot edit). A service
/// token acts by its scopes only.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user, or a service with <c>catalog.read</c> (or <c>catalog.write</c>).</summary>
    public const string CatalogRead = Scopes.CatalogRead;
    /// <summary>Staff user, or a service with <c>catalog.write</c>.</summary>
    public const string CatalogWrite = Scopes.CatalogWrite;
    /// <summary>Any user (their own orders), or a service with <c>orders.read</c>.</summary>
    public const string OrdersRead = Scopes.OrdersRead;
    /// <summary>Any user (for themselves), or a service with <c>orders.write</c>.</summary>
    public const string OrdersWrite = Scopes.OrdersWrite;
    /// <summary>Staff user, or a service with <c>orders.admin</c> (status changes, all orders).</summary>
    public const string OrdersAdmin = Scopes.OrdersAdmin;
    /// <summary>Staff user, or a service with <c>users.read</c>.</summary>
    public const string UsersRead = Scopes.UsersRead;
    /// <summary>Staff user, or a service with <c>outbox.read</c>.</summary>
    public const string OutboxRead = Scopes.OutboxRead;
    /// <summary>A user token (any role); service tokens are refused (carts, "me").</summary>
    public const string User = "user";
}
