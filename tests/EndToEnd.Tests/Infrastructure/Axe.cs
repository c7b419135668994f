using System.Text.Json;

namespace BffPlatform.EndToEnd.Tests.Infrastructure;

public sealed record AxeViolation(string Id, string Impact, string Help, string[] Targets);

/// <summary>
/// Runs axe-core (from the SPA's npm packages, clients/react-web/node_modules/axe-core) in a page.
/// The page's CSP allows scripts from 'self' only, so the context must be created with BypassCSP.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
        File.Exists(RepoPaths.AxeScript)
            ? File.ReadAllText(RepoPaths.AxeScript)
            : throw new InvalidOperationException($"{RepoPaths.AxeScript} is missing: run 'npm ci' in clients/react-web."));

    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Source.Value });
        }
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await window.axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => ({
                id: v.id, impact: v.impact || 'unknown', help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
            }
            """);
        return json.Deserialize<AxeViolation[]>(new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }
}
