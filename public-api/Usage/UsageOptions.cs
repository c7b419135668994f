using System.ComponentModel.DataAnnotations;

namespace BffPlatform.PublicApi.Usage;

/// <summary>How usage counts are reported to core-api. Bound from <c>Usage</c>.</summary>
public sealed class UsageOptions
{
    public const string SectionName = "Usage";

    /// <summary>How often this instance's counts go to core-api (and once more at shutdown).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// In memory (the embedded default): the start of this instance's reporter id; a random suffix is
    /// added per process, because its counts are absolute and start from zero: a restarted instance
    /// reusing an id would overwrite the day's earlier figures. Scaled out (Redis) the counts are shared
    /// and reported as <c>redis-&lt;epoch&gt;</c> by every instance, whatever this says.
    /// </summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,40}$")]
    public string ReporterPrefix { get; set; } = "public-api";
}
