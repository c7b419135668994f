namespace BffPlatform.BffWeb.Spa;

/// <summary>
/// A strict Content-Security-Policy and friends on every response. Only our origin may run
/// script, fetch and be framed by nobody; forms may post only to us and to identity (sign-in).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, SecurityHeaders headers)
{
    public Task InvokeAsync(HttpContext context)
    {
        var responseHeaders = context.Response.Headers;
        responseHeaders.ContentSecurityPolicy = headers.ContentSecurityPolicy(context.Request);
        responseHeaders.XContentTypeOptions = "nosniff";
        responseHeaders["Referrer-Policy"] = "no-referrer";
        responseHeaders["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}

/// <summary>The policy text, computed once from configuration.</summary>
internal sealed class SecurityHeaders(string identityOrigin, bool viteDevServer)
{
    private readonly string _strict =
        $"default-src 'self'; connect-src 'self'; form-action 'self' {identityOrigin}; frame-ancestors 'none'; " +
        "object-src 'none'; base-uri 'self'; img-src 'self' data:; style-src 'self'";

    public string ContentSecurityPolicy(HttpRequest request) => viteDevServer
        // Vite's dev server needs an inline preamble (React refresh), injected <style> tags and
        // its HMR websocket. Development with Spa:DevServerUrl only.
        ? $"default-src 'self'; script-src 'self' 'unsafe-inline'; connect-src 'self' ws://{request.Host}; form-action 'self' {identityOrigin}; " +
          "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"
        : _strict;
}
