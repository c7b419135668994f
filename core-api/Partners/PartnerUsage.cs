namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// One reporter's absolute counts for a key and a UTC day, keyed by (Reporter, KeyId, Day): a
/// report replaces the row, so a retried report never counts twice, and several public-api
/// instances (reporters) add up.
/// </summary>
public sealed class PartnerUsage
{
    public required string Reporter { get; set; }
    public Guid KeyId { get; set; }
    public DateOnly Day { get; set; }
    /// <summary>The key's partner, copied so a partner's usage is read without a join.</summary>
    public Guid PartnerId { get; set; }
    public long Requests { get; set; }
    public long Rejected { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
}
