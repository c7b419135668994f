namespace BffPlatform.PublicApi.Keys;

/// <summary>
/// Claims of the principal an API key authenticates: what core-api said the key proves. Every
/// feature (orders, webhooks, usage) reads the partner from here, never from the request.
/// </summary>
public static class ApiKeyClaims
{
    public const string PartnerId = "partner_id";
    public const string PartnerName = "partner_name";
    public const string KeyId = "key_id";
    /// <summary>One claim per scope (<see cref="Contracts.Partners.PartnerScopes"/>).</summary>
    public const string Scope = "scope";
    /// <summary><c>live</c> or <c>test</c>.</summary>
    public const string Environment = "environment";
    /// <summary><c>live</c>, <c>test</c> or <c>pub</c>.</summary>
    public const string Kind = "key_kind";
    public const string Plan = "plan";
}
