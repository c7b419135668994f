using System.ComponentModel.DataAnnotations;

namespace BffPlatform.PublicApi.Versions;

/// <summary>The deprecation of API v1. Bound from <c>ApiVersions:V1</c>.</summary>
public sealed class DeprecationOptions
{
    public const string SectionName = "ApiVersions:V1";

    /// <summary>When v1 was deprecated (RFC 9745 <c>Deprecation: @&lt;unix seconds&gt;</c>).</summary>
    [Required]
    public DateTimeOffset? DeprecatedAt { get; set; }

    /// <summary>When v1 stops answering (RFC 8594 <c>Sunset</c>).</summary>
    [Required]
    public DateTimeOffset? SunsetAt { get; set; }

    /// <summary>The migration note, sent as <c>Link: &lt;...&gt;; rel="deprecation"</c>.</summary>
    [Required, Url]
    public string MigrationGuide { get; set; } = "";
}
