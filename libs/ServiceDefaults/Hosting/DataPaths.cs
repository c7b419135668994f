using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace BffPlatform.ServiceDefaults.Hosting;

/// <summary>
/// Where a service's files live, the same for every service and whatever the working directory:
/// its data folder is <c>Data:Directory</c> or <c>&lt;repository root&gt;/data/&lt;service&gt;</c>, and
/// relative paths (SQLite files, key folders) resolve against the repository root, the folder
/// holding BffPlatform.sln (so <c>dotnet run</c> from a project folder makes no stray data there).
/// </summary>
public static class DataPaths
{
    public const string DirectoryKey = "Data:Directory";

    /// <summary>The repository root, found upwards from the content root (the content root's parent otherwise).</summary>
    public static string RepositoryRoot(IHostEnvironment environment)
    {
        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BffPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetParent(environment.ContentRootPath)?.FullName ?? environment.ContentRootPath;
    }

    /// <summary><c>Data:Directory</c> (relative to the repository root), or <c>&lt;repo&gt;/data/&lt;service&gt;</c>.</summary>
    public static string ServiceDataDirectory(IHostEnvironment environment, IConfiguration configuration, string service) =>
        configuration[DirectoryKey] is { Length: > 0 } configured
            ? Resolve(environment, configured)
            : Path.Combine(RepositoryRoot(environment), "data", service);

    /// <summary>Resolves a configured path against the repository root (absolute paths stay).</summary>
    public static string Resolve(IHostEnvironment environment, string path) => Path.GetFullPath(path, RepositoryRoot(environment));

    /// <summary>
    /// The SQLite connection string with its file made absolute against the repository root;
    /// in-memory and <c>file:</c> URI sources are left as they are.
    /// </summary>
    public static string ResolveSqlite(IHostEnvironment environment, string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
        {
            if (builder.TryGetValue(key, out var value) && value is string { Length: > 0 } source
                && source != ":memory:" && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                builder[key] = Resolve(environment, source);
            }
        }
        return builder.ConnectionString;
    }
}
