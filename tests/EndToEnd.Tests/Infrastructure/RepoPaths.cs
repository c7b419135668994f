namespace BffPlatform.EndToEnd.Tests.Infrastructure;

/// <summary>Where the repository and the test's output live.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding BffPlatform.sln, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Screenshots, service logs and accessibility reports of this run (under the test output folder).</summary>
    public static string Output { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "e2e-output")).FullName;

    /// <summary>Emptied once per run, so a FAILED-* picture of an earlier run can't pass for this one's.</summary>
    public static string Screenshots { get; } = FreshDirectory(Path.Combine(Output, "screenshots"));

    public static string SpaDist => Path.Combine(Root, "clients", "react-web", "dist");

    public static string AxeScript => Path.Combine(Root, "clients", "react-web", "node_modules", "axe-core", "axe.min.js");

    private static string FreshDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        return Directory.CreateDirectory(path).FullName;
    }

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
