using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace BffPlatform.ServiceDefaults.Http;

/// <summary>
/// The platform's one rule for return URLs a service redirects to after sign-in: a path on the
/// same site, and nothing a browser, proxy or framework could read as another host.
/// </summary>
public static class LocalUrl
{
    /// <summary>Default longest accepted URL. A caller whose return URLs embed other state (an authorize request) passes its own.</summary>
    public const int MaxLength = 2048;

    // Some proxy, framework or browser on the way may decode once more: the start must stay local
    // however often the URL is decoded (/%2Fhost, /%252Fhost, /%5Chost).
    private const int MaxDecodes = 3;

    // Non-ASCII characters that are, look like, or fold (NFKC) to a slash or backslash: full-width and
    // small solidi, division and fraction slashes, big solidi, set minus, box diagonals, and the
    // "a/c", "a/s", "c/o", "c/u" symbols. An explicit list: InvariantGlobalization is on.
    private const string SlashLookAlikes =
        "\uFF0F\uFF3C\uFE68\u2215\u2044\u29F8\u29F5\u29F9\u2216\u2571\u2572\u3033\u30CE\u4E3F\u2100\u2101\u2105\u2106";

    /// <summary>
    /// True for a path on this site: a single <c>/</c> first; no backslash (browsers read <c>/\host</c>
    /// as <c>//host</c>), control or whitespace character (browsers drop tab, CR and LF, so
    /// <c>/&#9;/host</c> is <c>//host</c>) or non-ASCII look-alike slash anywhere; and still starting
    /// with a single <c>/</c> after each round of percent-decoding.
    /// </summary>
    public static bool IsSafe([NotNullWhen(true)] string? url, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(url) || url.Length > maxLength || !StartsLocal(url))
        {
            return false;
        }
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1]))
            {
                i++;
                continue;
            }
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) || IsSlashLike(c))
            {
                return false;
            }
        }
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

    /// <summary>
    /// The URL as it may go into a <c>Location</c> header: ASCII only, with non-ASCII characters and
    /// the characters URLs never hold raw (<c>" &lt; &gt; ` ^ { | }</c>, a stray <c>%</c>) percent-encoded
    /// as UTF-8; null when <see cref="IsSafe"/> refuses it. Already encoded sequences are kept.
    /// </summary>
    public static string? Normalize(string? url, int maxLength = MaxLength)
    {
        if (!IsSafe(url, maxLength))
        {
            return null;
        }
        StringBuilder? encoded = null;
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < url.Length;)
        {
            var rune = Rune.GetRuneAt(url, i);
            var keep = rune.IsAscii && !NeedsEncoding((char)rune.Value, url, i);
            if (!keep)
            {
                encoded ??= new StringBuilder(url, 0, i, url.Length + 16);
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                encoded?.Append((char)rune.Value);
            }
            i += rune.Utf16SequenceLength;
        }
        return encoded?.ToString() ?? url;
    }

    /// <summary><see cref="Normalize"/>, or <c>/</c> for anything it refuses.</summary>
    public static string NormalizeOrRoot(string? url, int maxLength = MaxLength) => Normalize(url, maxLength) ?? "/";

    private static bool StartsLocal(string url) =>
        url.Length > 0 && url[0] == '/' && (url.Length == 1 || !IsSeparatorOrInvisible(url, 1));

    private static bool IsSeparatorOrInvisible(string url, int index)
    {
        var c = url[index];
        return c is '/' or '\\' || char.IsControl(c) || char.IsWhiteSpace(c) || IsSlashLike(c);
    }

    private static bool IsSlashLike(char c) => c >= 0x80 && SlashLookAlikes.Contains(c, StringComparison.Ordinal);

    private static bool NeedsEncoding(char c, string url, int index) => c switch
    {
        '"' or '<' or '>' or '`' or '^' or '{' or '|' or '}' => true,
        '%' => index + 2 >= url.Length || !Uri.IsHexDigit(url[index + 1]) || !Uri.IsHexDigit(url[index + 2]),
        _ => false,
    };
}
