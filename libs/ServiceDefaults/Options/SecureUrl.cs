using Microsoft.Extensions.Hosting;

namespace BffPlatform.ServiceDefaults.Options;

/// <summary>The platform's one rule for URLs a service calls or trusts: https outside Development.</summary>
public static class SecureUrl
{
    /// <summary>
    /// Null when <paramref name="value"/> is an absolute http(s) URL allowed here, else the failure
    /// message naming <paramref name="key"/>. Plain http is allowed in Development, and to a loopback
    /// address when <paramref name="allowLoopbackHttp"/> (a sidecar or a test on the same host).
    /// </summary>
    public static string? Check(string key, string? value, IHostEnvironment environment, bool allowLoopbackHttp = false)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return $"{key} must be an absolute http(s) URL (got '{value}').";
        }
        if (uri.Scheme == Uri.UriSchemeHttps || environment.IsDevelopment() || (allowLoopbackHttp && uri.IsLoopback))
        {
            return null;
        }
        return $"{key} must use https outside Development{(allowLoopbackHttp ? " unless it is loopback" : "")} (got '{value}').";
    }
}
