using Microsoft.AspNetCore.Authentication.Cookies;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// Hides the request's session cookie on the sign-in callback. ASP.NET's cookie handler, signing in
/// with a session store, renews the session its request cookie names instead of storing a new one:
/// a session cookie planted in the victim's browser (session fixation) would then carry the victim's
/// sign-in, and the attacker's copy of it would open the victim's session. Unseen, the handler
/// stores a new session under a new key; the planted one stays the attacker's own.
/// </summary>
internal sealed class FreshSessionCookieManager(ICookieManager inner, PathString signInCallback) : ICookieManager
{
    public string? GetRequestCookie(HttpContext context, string key) =>
        context.Request.Path.Equals(signInCallback, StringComparison.OrdinalIgnoreCase) ? null : inner.GetRequestCookie(context, key);

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, key, value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        inner.DeleteCookie(context, key, options);
}
