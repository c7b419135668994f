using Microsoft.AspNetCore.Http;

namespace BffPlatform.ServiceDefaults.Security;

/// <summary>
/// The platform's security-headers policy, per kind of answer. Every answer: <c>nosniff</c> and
/// <c>Referrer-Policy: no-referrer</c>, no <c>Server</c> header, HSTS outside Development (on https).
/// An API answer (JSON, Problem Details, anything typed that is not HTML) gets <see cref="ApiPolicy"/>:
/// nothing it contains may load or run, and nobody may frame it. An HTML page gets the CSP it set
/// itself, else <see cref="PagePolicy"/>, plus <c>X-Frame-Options: DENY</c>. <c>Cache-Control</c>
/// is left alone.
/// </summary>
public sealed class SecurityHeadersOptions
{
    public const string DefaultApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// For pages a service does not describe: framing, plugins and a foreign base URL refused,
    /// without breaking the pages libraries render (Swagger UI, OpenIddict's form_post page).
    /// </summary>
    public const string DefaultPagePolicy = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    public string ApiPolicy { get; set; } = DefaultApiPolicy;

    /// <summary>
    /// The CSP of an HTML page (and of an answer without a body type, such as a 304 of a page,
    /// whose headers a browser merges into the cached page). A service serving its own pages
    /// (bff-web's SPA) sets a strict one here.
    /// </summary>
    public Func<HttpRequest, string> PagePolicy { get; set; } = _ => DefaultPagePolicy;

    /// <summary>Extra headers on pages, e.g. <c>Cross-Origin-Opener-Policy</c>.</summary>
    public Dictionary<string, string> PageHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);
}
