namespace BffPlatform.Testing.Http;

/// <summary>
/// The one list of return-URL variants every service that redirects is tested with (LocalUrl in
/// ServiceDefaults): what must be refused, and the local paths that must pass, with the form they
/// take in a Location header. Linked into each test project.
/// </summary>
public static class LocalUrlCases
{
    public const string Evil = "evil.example";

    /// <summary>Each must be refused (400 at bff-web's /bff/login, "/" at identity's sign-in).</summary>
    public static IReadOnlyList<string> Unsafe { get; } =
    [
        "",
        "orders",
        Evil,
        // Absolute URLs and schemes.
        "https://evil.example/",
        "http://127.0.0.1:5300/",
        "http:evil.example",
        "https:evil.example",
        "HTTPS://evil.example",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        // Protocol-relative, backslashes.
        "//evil.example",
        "//evil.example/orders",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "/foo\\bar",
        "/orders\\..\\..\\evil.example",
        // Whitespace browsers trim or skip.
        " //evil.example",
        "/ /evil.example",
        "/\u00A0/evil.example",
        "/\u2028/evil.example",
        "/\u3000/evil.example",
        // Percent-encoded, single, double, mixed case.
        "/%2Fevil.example",
        "/%2fevil.example",
        "%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%5cevil.example",
        "/%2F%2fevil.example",
        "/%252Fevil.example",
        "/%252fevil.example",
        "/%25252Fevil.example",
        "/%25%32%46evil.example",
        "/%255Cevil.example",
        "/%09/evil.example",
        "/%0D%0A/evil.example",
        "/%0d%0a/evil.example",
        "/%00/evil.example",
        "/%20/evil.example",
        "/%EF%BC%8Fevil.example",
        "/%ef%bc%8fevil.example",
        "/%E2%88%95evil.example",
        "/%EF%B9%A8evil.example",
        // Non-ASCII slashes: full-width, division, fraction, big solidus, small reverse solidus, full-width reverse solidus.
        "/\uFF0Fevil.example",
        "\uFF0F\uFF0Fevil.example",
        "/\u2215evil.example",
        "/\u2044evil.example",
        "/\u29F8evil.example",
        "/\uFE68evil.example",
        "/\uFF3Cevil.example",
        "/orders/\uFF0F/evil.example",
        // Userinfo tricks.
        "//user@evil.example",
        "//@evil.example",
        "https://127.0.0.1:5300@evil.example/",
        "http://127.0.0.1:5300%40evil.example/",
        "/\\@evil.example",
        "/%2F@evil.example",
        "@evil.example",
        // Too long for every service (identity allows 8 KB: its return URLs carry authorize requests).
        "/" + new string('a', 8 * 1024),
        .. ControlCharacters.Select(c => $"/{c}/evil.example"),
        .. ControlCharacters.Select(c => $"/orders{c}"),
    ];

    /// <summary>Local paths that must pass, each with its Location-header form (ASCII, percent-encoded as UTF-8).</summary>
    public static IReadOnlyList<(string Url, string Location)> Safe { get; } =
    [
        ("/", "/"),
        ("/orders", "/orders"),
        ("/orders/42?tab=lines#top", "/orders/42?tab=lines#top"),
        ("/products?q=red%20shoes", "/products?q=red%20shoes"),
        ("/products?q=shoes&sort=price&page=2", "/products?q=shoes&sort=price&page=2"),
        ("/search?q=a%2Fb", "/search?q=a%2Fb"),
        ("/?tab=1", "/?tab=1"),
        ("/connect/authorize?client_id=bff-web&redirect_uri=http%3A%2F%2F127.0.0.1%3A5300%2Fsignin-oidc&scope=openid%20profile",
         "/connect/authorize?client_id=bff-web&redirect_uri=http%3A%2F%2F127.0.0.1%3A5300%2Fsignin-oidc&scope=openid%20profile"),
        // An @ or a colon inside a path is just part of the path.
        ("/users/@alice", "/users/@alice"),
        ("/@evil.example", "/@evil.example"),
        ("/javascript:alert(1)", "/javascript:alert(1)"),
        ("/produits/caf\u00E9?q=\u00E9t\u00E9", "/produits/caf%C3%A9?q=%C3%A9t%C3%A9"),
        ("/produits/caf%C3%A9", "/produits/caf%C3%A9"),
        ("/emoji/\U0001F600", "/emoji/%F0%9F%98%80"),
        ("/search?q=\"shoes\"<b>", "/search?q=%22shoes%22%3Cb%3E"),
        ("/discount?off=100%", "/discount?off=100%25"),
    ];

    /// <summary>C0, DEL and C1 control characters.</summary>
    public static IEnumerable<char> ControlCharacters =>
        Enumerable.Range(0, 0x20).Append(0x7F).Concat(Enumerable.Range(0x80, 0x20)).Select(c => (char)c);

    /// <summary>A case as readable text for failure messages (control and non-ASCII characters escaped).</summary>
    public static string Show(string url) =>
        string.Concat(url.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"));
}
