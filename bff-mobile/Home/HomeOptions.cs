using System.ComponentModel.DataAnnotations;

namespace BffPlatform.BffMobile.Home;

/// <summary>What the first screen holds. Bound from <c>Home</c>.</summary>
public sealed class HomeOptions
{
    public const string SectionName = "Home";

    [Range(1, 20)]
    public int FeaturedCount { get; set; } = 6;

    [Range(1, 10)]
    public int RecentOrderCount { get; set; } = 3;

    /// <summary>How long a part's last good value may stand in, marked stale, when core-api fails to give that part.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan StaleFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Last good parts kept at most (one per user and part).</summary>
    [Range(1, 1_000_000)]
    public int MaxRemembered { get; set; } = 20_000;
}
