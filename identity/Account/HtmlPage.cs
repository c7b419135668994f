using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace BffPlatform.Identity.Account;

/// <summary>Plain server-rendered HTML: no scripts, so nothing to inject into and nothing to load.</summary>
internal static class HtmlPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem;color:#1b1b1b}
        label{display:block;margin-top:1rem;font-weight:600}
        input{width:100%;padding:.5rem;margin-top:.25rem;box-sizing:border-box;font-size:1rem}
        button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}
        .error{color:#a00000;border:1px solid #a00000;padding:.5rem;margin-top:1rem}
        """;

    /// <summary>
    /// The pages' own CSP: nothing loads or runs but the one stylesheet above (by its hash), and no
    /// framing. No form-action: after the sign-in post, the redirects lead on to each client's own
    /// redirect URI, which a browser would check against it.
    /// </summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "img-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static IResult Render(string title, string body, int status = StatusCodes.Status200OK) =>
        new Page(Results.Content($"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} · BffPlatform identity</title><style>{Style}</style></head>
            <body><main>
            <h1>{Encode(title)}</h1>
            {body}
            </main></body></html>
            """, "text/html; charset=utf-8", statusCode: status));

    private sealed class Page(IResult content) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return content.ExecuteAsync(httpContext);
        }
    }
}
