using BffPlatform.Contracts.Partners;

namespace BffPlatform.CoreApi.Partners;

/// <summary>DTO shapes of partners and keys (never a key's secret or hash).</summary>
public static class PartnerReads
{
    /// <summary>Keyset position in the partner list (Name, Id).</summary>
    public sealed record ListCursor(string N, Guid I);

    public static PartnerDto ToDto(Partner p) => new(p.Id, p.Name, p.Plan, p.Active, p.CreatedAt, p.UpdatedAt);

    public static ApiKeyDto ToDto(ApiKey k) =>
        new(k.Id, k.PartnerId, k.Name, k.Kind, k.DisplayPrefix, k.ScopeList, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedOn);
}
