using System.Collections;
using System.Reflection;
using System.Text;
using Xunit.Abstractions;

namespace BffPlatform.Security.Tests;

/// <summary>
/// The suite's count of cases per OWASP API Security Top 10 (2023) category, from the tests'
/// <c>[Trait("owasp", ...)]</c>: a fact is one case, a theory one per data row. Printed in the test
/// output and written to <c>owasp-summary.md</c> beside the test assembly (scripts/security-suite.sh prints it).
/// </summary>
public sealed class OwaspSummaryTests(ITestOutputHelper output)
{
    public static readonly IReadOnlyDictionary<string, string> Categories = new SortedDictionary<string, string>(Comparer<string>.Create((a, b) => int.Parse(a[3..]).CompareTo(int.Parse(b[3..]))))
    {
        ["API1"] = "Broken object level authorization",
        ["API2"] = "Broken authentication",
        ["API3"] = "Broken object property level authorization",
        ["API4"] = "Unrestricted resource consumption",
        ["API5"] = "Broken function level authorization",
        ["API6"] = "Unrestricted access to sensitive business flows",
        ["API7"] = "Server side request forgery",
        ["API8"] = "Security misconfiguration",
        ["API9"] = "Improper inventory management",
        ["API10"] = "Unsafe consumption of APIs",
    };

    public static string SummaryPath => Path.Combine(AppContext.BaseDirectory, "owasp-summary.md");

    [Fact]
    public void Every_category_has_cases_and_the_counts_are_printed()
    {
        var counts = Count();
        var table = new StringBuilder("| category | | cases |\n|---|---|---|\n");
        foreach (var (id, name) in Categories)
        {
            table.Append($"| {id} | {name} | {counts.GetValueOrDefault(id)} |\n");
        }
        table.Append($"| | total | {counts.Values.Sum()} |\n");
        output.WriteLine(table.ToString());
        File.WriteAllText(SummaryPath, table.ToString());

        Assert.All(Categories.Keys, id => Assert.True(counts.GetValueOrDefault(id) > 0, $"{id} has no case"));
        Assert.Empty(counts.Keys.Except(Categories.Keys));
    }

    [Fact]
    public void Every_attack_test_names_its_category()
    {
        var untagged = TestMethods().Where(m => m.DeclaringType != typeof(OwaspSummaryTests) && Category(m) is null).Select(m => $"{m.DeclaringType!.Name}.{m.Name}");
        Assert.Empty(untagged);
    }

    private static Dictionary<string, int> Count()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var method in TestMethods())
        {
            if (Category(method) is not { } category) continue;
            counts[category] = counts.GetValueOrDefault(category) + Cases(method);
        }
        return counts;
    }

    private static IEnumerable<MethodInfo> TestMethods() =>
        typeof(OwaspSummaryTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null);

    private static string? Category(MethodInfo method) =>
        // xunit 2's TraitAttribute keeps its name and value only as constructor arguments.
        method.GetCustomAttributesData().Concat(method.DeclaringType!.GetCustomAttributesData())
            .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "owasp")
            .Select(a => (string?)a.ConstructorArguments[1].Value)
            .FirstOrDefault();

    private static int Cases(MethodInfo method)
    {
        if (method.GetCustomAttribute<TheoryAttribute>() is null) return 1;
        var rows = method.GetCustomAttributes<InlineDataAttribute>().Count();
        foreach (var member in method.GetCustomAttributes<MemberDataAttribute>())
        {
            var source = method.DeclaringType!.GetMethod(member.MemberName, BindingFlags.Public | BindingFlags.Static)?.Invoke(null, null)
                ?? method.DeclaringType!.GetProperty(member.MemberName, BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            rows += ((IEnumerable)source!).Cast<object>().Count();
        }
        return rows;
    }
}
