using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace BffPlatform.ScaledOut.Tests.Deploy;

/// <summary>
/// One overlay of deploy/k8s rendered by <c>kubectl kustomize</c> (Debian's kubernetes-client;
/// ./test.sh installs it) and parsed: the objects a cluster would receive.
/// </summary>
public sealed class Manifests
{
    public static string K8sRoot => Path.Combine(RepoPaths.Root, "deploy", "k8s");

    public IReadOnlyList<YamlMappingNode> Objects { get; }
    public string Text { get; }

    private Manifests(string text)
    {
        Text = text;
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Objects = stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static async Task<Manifests> RenderAsync(string overlay)
    {
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "kustomize", Path.Combine(K8sRoot, "overlays", overlay) })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? new Manifests(await output)
            : throw new InvalidOperationException($"kubectl kustomize {overlay} failed: {await errors}");
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => Str(o, "kind") == kind);

    public YamlMappingNode Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Str(o, "metadata", "name") == name) ?? throw new KeyNotFoundException($"{kind}/{name} is not in the output");

    /// <summary>A generated ConfigMap by its base name (kustomize appends a content hash).</summary>
    public YamlMappingNode ConfigMap(string name) =>
        OfKind("ConfigMap").Single(o => Str(o, "metadata", "name") is { } n && (n == name || n.StartsWith(name + "-", StringComparison.Ordinal) && n.Length == name.Length + 11));

    /// <summary>The single container of a Deployment's pod template.</summary>
    public YamlMappingNode Container(string deployment) =>
        (YamlMappingNode)Seq(Get("Deployment", deployment), "spec", "template", "spec", "containers").Single();

    /// <summary>
    /// The environment a container receives, as Kubernetes builds it: each envFrom source in order
    /// (later wins), then <c>env</c>. ConfigMap data and Secret stringData are read from the output.
    /// </summary>
    public Dictionary<string, string> EnvironmentOf(YamlMappingNode container)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in Seq(container, "envFrom").OfType<YamlMappingNode>())
        {
            var data = source.Children.TryGetValue("configMapRef", out var cm)
                ? Map(Get("ConfigMap", Str((YamlMappingNode)cm, "name")!), "data")
                : Map(Get("Secret", Str((YamlMappingNode)source["secretRef"], "name")!), "stringData");
            foreach (var (key, value) in data.Children)
            {
                environment[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value ?? "";
            }
        }
        foreach (var variable in Seq(container, "env").OfType<YamlMappingNode>())
        {
            environment[Str(variable, "name")!] = Str(variable, "value") ?? "";
        }
        return environment;
    }

    public static string? Str(YamlNode node, params string[] path) => Node(node, path) is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlMappingNode Map(YamlNode node, params string[] path) => Node(node, path) as YamlMappingNode ?? new YamlMappingNode();

    public static IReadOnlyList<YamlNode> Seq(YamlNode node, params string[] path) =>
        Node(node, path) is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    public static YamlNode? Node(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }
            current = next;
        }
        return current;
    }
}
