using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Security;

/// <summary>
/// Applies <see cref="SecurityHeadersOptions"/> when the answer starts, once its content type is
/// known, so the same middleware serves APIs, pages and errors alike.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
{
    private static readonly Func<object, Task> Apply = ApplyAsync;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(Apply, (context, options.Value));
        return next(context);
    }

    private static Task ApplyAsync(object state)
    {
        var (context, policy) = ((HttpContext, SecurityHeadersOptions))state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";

        var contentType = context.Response.ContentType;
        var isPage = string.IsNullOrEmpty(contentType) || contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
        if (!isPage)
        {
            // An API answer: even one rendered by mistake (an old browser sniffing JSON) loads nothing.
            headers.ContentSecurityPolicy = policy.ApiPolicy;
            return Task.CompletedTask;
        }
        // A page that set its own CSP (identity's sign-in pages) keeps it.
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = policy.PagePolicy(context.Request);
        }
        headers.XFrameOptions = "DENY";
        foreach (var (name, value) in policy.PageHeaders)
        {
            headers[name] = value;
        }
        return Task.CompletedTask;
    }
}
