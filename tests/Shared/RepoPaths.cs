namespace BffPlatform.Testing;

/// <summary>Where the repository's files are, seen from a test assembly.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding BffPlatform.sln, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string SpaDist => Path.Combine(Root, "clients", "react-web", "dist");

    public static string AxeScript => Path.Combine(Root, "clients", "react-web", "node_modules", "axe-core", "axe.min.js");

    /// <summary>A door's checked-in OpenAPI document, e.g. <c>OpenApiDocument("bff-web")</c>.</summary>
    public static string OpenApiDocument(string door) => Path.Combine(Root, "libs", "Contracts", "openapi", door + ".json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BffPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"BffPlatform.sln not found above {AppContext.BaseDirectory}");
    }
}
