namespace BffPlatform.BffWeb.Management;

/// <summary>Local return URLs only, so /bff/login cannot be turned into an open redirect.</summary>
public static class ReturnUrl
{
    public const int MaxLength = 2048;

    /// <summary>
    /// True for a path on this site: starts with a single <c>/</c>, and holds no backslash
    /// (browsers read <c>/\host</c> as <c>//host</c>) and no control or whitespace characters.
    /// </summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || !StartsLocal(url))
        {
            return false;
        }
        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }
        // Encoded variants (/%2Fhost, /%5Chost, double-encoded): some proxy, framework or browser on
        // the way may decode once more, so the start must stay local however often it is decoded.
        for (var i = 0; i < MaxDecodes && url.Contains('%', StringComparison.Ordinal); i++)
        {
            var decoded = Uri.UnescapeDataString(url);
            if (decoded == url)
            {
                break;
            }
            if (!StartsLocal(decoded))
            {
                return false;
            }
            url = decoded;
        }
        return true;
    }

    private const int MaxDecodes = 3;

    /// <summary>A single <c>/</c> that is not followed by <c>/</c> or <c>\</c> (both read as "another host").</summary>
    private static bool StartsLocal(string url) =>
        url.Length > 0 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\' && !char.IsControl(url[1]) && !char.IsWhiteSpace(url[1])));
}
