using Microsoft.AspNetCore.Http;

namespace BffPlatform.ServiceDefaults.Security;

/// <summary>Page policies for a door that serves a built single-page app on its own origin.</summary>
public static class ContentSecurityPolicies
{
    /// <summary>
    /// Only the door's origin may run script, fetch and style; nobody may frame it; forms post only
    /// to the door and to the identity provider (sign-in).
    /// </summary>
    public static string SinglePageApp(string identityOrigin) =>
        $"default-src 'self'; connect-src 'self'; form-action 'self' {identityOrigin}; frame-ancestors 'none'; " +
        "object-src 'none'; base-uri 'self'; img-src 'self' data:; style-src 'self'";

    /// <summary>
    /// Development with Vite's dev server only: it needs an inline preamble (React refresh),
    /// injected &lt;style&gt; tags and its HMR websocket on the page's own host.
    /// </summary>
    public static string ViteDevServer(string identityOrigin, HttpRequest request) =>
        $"default-src 'self'; script-src 'self' 'unsafe-inline'; connect-src 'self' ws://{request.Host}; form-action 'self' {identityOrigin}; " +
        "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";
}
