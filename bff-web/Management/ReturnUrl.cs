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
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/')
        {
            return false;
        }
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
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
        return true;
    }
}
