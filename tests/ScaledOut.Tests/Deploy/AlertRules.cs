using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace BffPlatform.ScaledOut.Tests.Deploy;

/// <summary>deploy/k8s/base/prometheus/slo.rules.yaml: its alerts and the metrics their expressions select.</summary>
public static partial class AlertRules
{
    public static string Path => System.IO.Path.Combine(Manifests.K8sRoot, "base", "prometheus", "slo.rules.yaml");

    public static IReadOnlyList<(string Alert, string Expr)> All()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path)));
        return Manifests.Seq(stream.Documents[0].RootNode, "groups")
            .SelectMany(g => Manifests.Seq(g, "rules"))
            .Select(r => (Manifests.Str(r, "alert")!, Manifests.Str(r, "expr")!))
            .ToList();
    }

    /// <summary>Every series selector in an expression: a name followed by <c>{</c> or <c>[</c>, or standing alone in a comparison.</summary>
    public static IReadOnlySet<string> MetricsIn(string expr) =>
        Selector().Matches(expr).Select(m => m.Groups[1].Value).Where(n => !PromQlWords.Contains(n)).ToHashSet();

    /// <summary>
    /// The OpenTelemetry instrument a Prometheus series comes from, with dots as underscores:
    /// histogram and counter suffixes and the unit (seconds) dropped, as the OTLP-to-Prometheus
    /// translation adds them.
    /// </summary>
    public static string InstrumentOf(string series)
    {
        var name = SeriesSuffix().Replace(series, "");
        name = name.EndsWith("_total", StringComparison.Ordinal) ? name[..^"_total".Length] : name;
        return name.EndsWith("_seconds", StringComparison.Ordinal) ? name[..^"_seconds".Length] : name;
    }

    private static readonly HashSet<string> PromQlWords = ["sum", "by", "rate", "max", "histogram_quantile", "le", "job", "without", "avg", "min", "count", "irate", "increase"];

    [GeneratedRegex(@"\b([a-z_][a-z0-9_]*)\s*(?:\{|\[|\)\s*>|\s+>)")]
    private static partial Regex Selector();

    [GeneratedRegex(@"_(bucket|count|sum)$")]
    private static partial Regex SeriesSuffix();
}
