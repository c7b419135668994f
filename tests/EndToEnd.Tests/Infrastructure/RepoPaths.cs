namespace BffPlatform.EndToEnd.Tests.Infrastructure;

/// <summary>Where the repository and the test's output live.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding BffPlatform.sln, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Screenshots, service logs and accessibility reports of this run (under the test output folder).</summary>
    public static string Output { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "e2e-output")).FullName;

    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Output, "screenshots")).FullName;

    public static string SpaDist => Path.Combine(Root, "clients", "react-web", "dist");

    public static string AxeScript => Path.Combine(Root, "clients", "react-web", "node_modules", "axe-core", "axe.min.js");

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
