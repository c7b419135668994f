using System.ComponentModel.DataAnnotations;

namespace BffPlatform.ServiceDefaults.Data;

/// <summary>Bounds of a service's database start-up, bound from <c>Data:Startup</c>.</summary>
public sealed class DatabaseStartupOptions
{
    public const string SectionName = "Data:Startup";

    /// <summary>
    /// How long to wait for another live process to let go of the database file (embedded mode:
    /// one process owns it) before giving up with an error naming the file.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OwnershipWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long creating or migrating the schema may take, lock waits included, before start-up fails.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SchemaTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a wait says, in the log, what it is waiting for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);
}
