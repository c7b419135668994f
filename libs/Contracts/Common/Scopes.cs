namespace BffPlatform.Contracts.Common;

/// <summary>
/// OAuth scopes of core-api. Every token needs the scope of what it does; a user token acts
/// as its user on top (staff-only operations need the staff role, ownership is checked), a
/// service token (client credentials) by its scopes only.
/// </summary>
public static class Scopes
{
    public const string Audience = "core-api";
    public const string CatalogRead = "catalog.read";
    public const string CatalogWrite = "catalog.write";
    public const string OrdersRead = "orders.read";
    public const string OrdersWrite = "orders.write";
    public const string OrdersAdmin = "orders.admin";
    public const string UsersRead = "users.read";
    public const string OutboxRead = "outbox.read";
    /// <summary>Staff managing partners and API keys (with the staff role).</summary>
    public const string PartnersAdmin = "partners.admin";
    /// <summary>public-api only: verify keys, report usage, act for the partner a key proved.</summary>
    public const string PartnersAct = "partners.act";
}
