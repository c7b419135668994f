using System.Collections.Concurrent;

namespace BffPlatform.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Collects Content-Security-Policy violations of every page of a browser context: the
/// <c>securitypolicyviolation</c> DOM event (reported through a binding, which CSP cannot block)
/// and Chromium's console errors about refused content, as a second witness.
/// </summary>
public sealed class CspRecorder
{
    private readonly ConcurrentQueue<string> _violations = new();

    public IReadOnlyCollection<string> Violations => _violations.ToArray();

    public async Task AttachAsync(IBrowserContext context, string originPrefix)
    {
        await context.ExposeBindingAsync("__e2eCspViolation", (BindingSource _, string report) => _violations.Enqueue(report));
        // Only bff-web's documents: other sites' pages (the cross-site test's) are not ours to judge.
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', (e) => {
              if (!location.href.startsWith(ORIGIN)) return;
              try {
                window.__e2eCspViolation(JSON.stringify({
                  document: e.documentURI, directive: e.violatedDirective, blocked: e.blockedURI,
                  source: e.sourceFile, line: e.lineNumber, sample: e.sample }));
              } catch { /* binding missing on about:blank */ }
            });
            """.Replace("ORIGIN", System.Text.Json.JsonSerializer.Serialize(originPrefix), StringComparison.Ordinal));
        context.Page += (_, page) => page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                && page.Url.StartsWith(originPrefix, StringComparison.Ordinal))
            {
                _violations.Enqueue($"console on {page.Url}: {message.Text}");
            }
        };
    }
}
