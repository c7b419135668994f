using System.Text.RegularExpressions;

namespace BffPlatform.ScaledOut.Tests.Deploy;

/// <summary>A service as the repository runs it: its folder, assembly and usual port.</summary>
public sealed record PlatformService(string Name, string Folder, string Assembly, int Port)
{
    public string Dll => System.IO.Path.Combine(RepoPaths.Root, Folder, "bin", "Release", "net10.0", Assembly + ".dll");
}

/// <summary>
/// The five services, read from run.sh's <c>start &lt;name&gt; &lt;dir&gt; &lt;assembly&gt; &lt;port&gt;</c> lines:
/// the one place that names every service's port, so the manifests are checked against what
/// the repository really runs rather than a second list.
/// </summary>
public static partial class PlatformServices
{
    public static IReadOnlyList<PlatformService> All { get; } = Read();

    public static PlatformService Named(string name) => All.Single(s => s.Name == name);

    private static List<PlatformService> Read()
    {
        var services = StartLine().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, "run.sh")))
            .Select(m => new PlatformService(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, int.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return services.Count == 5 ? services : throw new InvalidOperationException($"run.sh starts {services.Count} services, expected 5");
    }

    [GeneratedRegex(@"^start (\S+) (\S+) (BffPlatform\.\S+) (\d+) ", RegexOptions.Multiline)]
    private static partial Regex StartLine();
}
