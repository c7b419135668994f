namespace BffPlatform.EndToEnd.Tests.Infrastructure;

/// <summary>Where this run's screenshots, service logs and accessibility reports go (under the test output folder).</summary>
public static class E2eOutput
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "e2e-output")).FullName;

    /// <summary>Emptied once per run, so a FAILED-* picture of an earlier run can't pass for this one's.</summary>
    public static string Screenshots { get; } = FreshDirectory(Path.Combine(Directory, "screenshots"));

    private static string FreshDirectory(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        return System.IO.Directory.CreateDirectory(path).FullName;
    }
}
