namespace BffPlatform.BffWeb.Hosting;

/// <summary>Where files live: the repository root is the folder holding BffPlatform.sln.</summary>
internal static class DataPaths
{
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

    /// <summary><c>Data:Directory</c>, or <c>&lt;repo&gt;/data/bff-web</c>.</summary>
    public static string ServiceDataDirectory(IHostEnvironment environment, IConfiguration configuration) =>
        configuration["Data:Directory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, RepositoryRoot(environment))
            : Path.Combine(RepositoryRoot(environment), "data", "bff-web");

    /// <summary>Resolves a configured path against the repository root (absolute paths stay).</summary>
    public static string Resolve(IHostEnvironment environment, string path) => Path.GetFullPath(path, RepositoryRoot(environment));
}
