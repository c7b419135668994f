using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BffPlatform.Identity.Configuration;
using BffPlatform.Identity.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace BffPlatform.Identity.Account;

/// <summary>
/// OWASP device cookies: a browser that signed in as a user gets a cookie naming that user and a
/// random nonce, protected by Data Protection (signed and encrypted), one per user. With it, the
/// browser is trusted for that user: failed sign-ins of others do not slow it down.
/// </summary>
internal sealed class DeviceCookies(IDataProtectionProvider dataProtection, TimeProvider time, IOptionsMonitor<IdentityServerOptions> options)
{
    public const string NamePrefix = "bffplatform.identity.device.";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("BffPlatform.Identity.Account.DeviceCookie.v1");

    /// <summary>The nonce of a valid, unexpired device cookie of <paramref name="user"/> sent with this request, or null.</summary>
    public string? NonceOf(HttpContext context, AppUser user)
    {
        if (context.Request.Cookies[NameFor(user)] is not { Length: > 0 } value)
        {
            return null;
        }
        string payload;
        try
        {
            payload = Encoding.UTF8.GetString(_protector.Unprotect(Base64Url.DecodeFromChars(value)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
        var parts = payload.Split('|');
        return parts.Length == 3
            && string.Equals(parts[0], user.Id, StringComparison.Ordinal)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && time.GetUtcNow().ToUnixTimeSeconds() < expires
                ? parts[1]
                : null;
    }

    /// <summary>Sets (or renews, with a new nonce) the device cookie of <paramref name="user"/>.</summary>
    public void Issue(HttpContext context, AppUser user)
    {
        var lifetime = options.CurrentValue.SignIn.DeviceCookieLifetime;
        var expires = time.GetUtcNow() + lifetime;
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var payload = string.Join('|', user.Id, nonce, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var value = Base64Url.EncodeToString(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
        context.Response.Cookies.Append(NameFor(user), value, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            // Only the sign-in form posts it, and that form is on identity's own pages.
            SameSite = SameSiteMode.Strict,
            Path = AccountEndpoints.LoginPath,
            Expires = expires,
            MaxAge = lifetime,
            IsEssential = true,
        });
    }

    /// <summary>One cookie per user, so a shared browser stays trusted for each of its users.</summary>
    private static string NameFor(AppUser user) =>
        NamePrefix + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(user.Id)).AsSpan(0, 12));
}
