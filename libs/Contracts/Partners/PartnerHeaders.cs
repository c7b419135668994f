namespace BffPlatform.Contracts.Partners;

/// <summary>
/// How public-api tells core-api whom a call is for. core-api honours these only on tokens
/// carrying <see cref="Common.Scopes.PartnersAct"/> (public-api's own client), and public-api
/// only ever names the partner its API key proved.
/// </summary>
public static class PartnerHeaders
{
    /// <summary>The partner's id (a Guid). Orders placed this way are owned by <c>partner:&lt;id&gt;</c>.</summary>
    public const string Partner = "X-Partner-Id";

    /// <summary><c>live</c> or <c>test</c>: the environment of the key. Test orders never touch live stock or live orders.</summary>
    public const string Environment = "X-Partner-Environment";

    public const string CustomerPrefix = "partner:";

    public static string CustomerId(Guid partnerId) => CustomerPrefix + partnerId.ToString("D");
}

/// <summary>The environment of a key and of what it creates.</summary>
public static class PartnerEnvironments
{
    public const string Live = "live";
    public const string Test = "test";
}

/// <summary>Kinds of API keys: secret live, secret test, and publishable (catalog read only, meant for browser code).</summary>
public static class ApiKeyKinds
{
    public const string Live = "live";
    public const string Test = "test";
    public const string Publishable = "pub";
}

/// <summary>Scopes a partner's API key can hold (public-api's own vocabulary, not OAuth scopes of core-api).</summary>
public static class PartnerScopes
{
    public const string CatalogRead = "catalog:read";
    public const string OrdersRead = "orders:read";
    public const string OrdersWrite = "orders:write";
    public const string WebhooksManage = "webhooks:manage";

    public static readonly IReadOnlyList<string> All = [CatalogRead, OrdersRead, OrdersWrite, WebhooksManage];
}
