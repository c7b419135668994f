using System.IO.Compression;
using System.Net;
using System.Text;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Contracts.Common;

namespace BffPlatform.BffWeb.Tests.Spa;

/// <summary>
/// The built SPA as bff-web serves it: the page at the shop's address whatever Accept says, and
/// the build's brotli/gzip twins chosen by Accept-Encoding with Vary, their own ETags and 304s.
/// </summary>
public sealed class SpaHostingTests : IDisposable
{
    private const string Script = "/assets/app-abc123.js";
    private readonly BffWebFactory _factory = new();
    private readonly byte[] _script;
    private readonly byte[] _index;

    public SpaHostingTests()
    {
        // What clients/react-web/scripts/precompress.ts writes beside each file of the build.
        _script = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("console.log('shop');\n", 200)));
        _index = File.ReadAllBytes(Path.Combine(_factory.SpaRoot, "index.html"));
        File.WriteAllBytes(Path.Combine(_factory.SpaRoot, "assets", "app-abc123.js"), _script);
        WriteTwins(Path.Combine(_factory.SpaRoot, "assets", "app-abc123.js"), _script);
        WriteTwins(Path.Combine(_factory.SpaRoot, "index.html"), _index);
        File.WriteAllText(Path.Combine(_factory.SpaRoot, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    }

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData("text/html")]
    public async Task The_shops_address_answers_the_page_whatever_accept_says(string? accept)
    {
        using var client = _factory.CreateBrowser();
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(_index, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/bff/nope")]
    [InlineData("/assets/missing-123.js")]
    public async Task Unknown_api_bff_and_asset_paths_stay_404_problems_for_any_accept(string path)
    {
        using var client = _factory.CreateBrowser();
        var request = Http.Api(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("*/*");

        await (await client.SendAsync(request)).AssertProblemAsync(404, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_client_route_is_the_page_for_a_browser_and_404_for_a_script()
    {
        using var client = _factory.CreateBrowser();
        var page = new HttpRequestMessage(HttpMethod.Get, "/products/8a3c5f0e-1111-4a1b-9c1d-2e3f4a5b6c7d");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        var script = new HttpRequestMessage(HttpMethod.Get, "/products/8a3c5f0e-1111-4a1b-9c1d-2e3f4a5b6c7d");
        script.Headers.Accept.ParseAdd("application/json");

        using var pageResponse = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Equal(_index, await pageResponse.Content.ReadAsByteArrayAsync());
        await (await client.SendAsync(script)).AssertProblemAsync(404, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_post_to_the_shops_address_is_404()
    {
        using var client = _factory.CreateBrowser();

        await (await client.PostAsync("/", null)).AssertProblemAsync(404, ErrorCodes.NotFound);
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("br;q=0, *", "gzip")]
    [InlineData("*", "br")]
    [InlineData("identity", null)]
    [InlineData("deflate", null)]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData(null, null)]
    public async Task The_script_goes_out_in_the_best_encoding_the_browser_accepts(string? acceptEncoding, string? expected)
    {
        using var client = _factory.CreateBrowser();

        using var response = await client.SendAsync(Get(Script, acceptEncoding));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(_script, Decode(body, expected));
        if (expected is not null) Assert.True(body.Length < _script.Length / 4, $"{expected}: {body.Length} bytes of {_script.Length}");
    }

    [Fact]
    public async Task Each_encoding_has_its_own_etag_and_revalidates_to_304()
    {
        using var client = _factory.CreateBrowser();
        var etags = new Dictionary<string, string>();
        foreach (var encoding in new[] { "br", "gzip", "identity" })
        {
            using var first = await client.SendAsync(Get(Script, encoding));
            etags[encoding] = first.Headers.ETag!.Tag;

            var again = Get(Script, encoding);
            again.Headers.IfNoneMatch.ParseAdd(etags[encoding]);
            using var revalidated = await client.SendAsync(again);

            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
            Assert.Equal(etags[encoding], revalidated.Headers.ETag?.Tag);
            Assert.Contains("Accept-Encoding", revalidated.Headers.Vary);
            Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(3, etags.Values.Distinct().Count());

        // The brotli ETag does not validate the gzip representation.
        var crossed = Get(Script, "gzip");
        crossed.Headers.IfNoneMatch.ParseAdd(etags["br"]);
        using var full = await client.SendAsync(crossed);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(["gzip"], full.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task The_page_itself_is_precompressed_and_never_cached_without_revalidation()
    {
        using var client = _factory.CreateBrowser();

        using var response = await client.SendAsync(Get("/", "br, gzip"));

        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(_index, Decode(await response.Content.ReadAsByteArrayAsync(), "br"));
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/assets/app-abc123.js.br")]
    [InlineData("/assets/app-abc123.js.gz")]
    [InlineData("/index.html.gz")]
    public async Task Twins_are_not_resources_of_their_own(string path)
    {
        using var client = _factory.CreateBrowser();

        await (await client.SendAsync(Get(path, "br, gzip"))).AssertProblemAsync(404, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_file_without_twins_goes_out_as_it_is_without_vary()
    {
        using var client = _factory.CreateBrowser();

        using var response = await client.SendAsync(Get("/favicon.svg", "br, gzip"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.DoesNotContain("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    private static HttpRequestMessage Get(string path, string? acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("*/*");
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return request;
    }

    private static void WriteTwins(string path, byte[] bytes)
    {
        using (var br = new BrotliStream(File.Create(path + ".br"), CompressionLevel.SmallestSize))
        {
            br.Write(bytes);
        }
        using var gz = new GZipStream(File.Create(path + ".gz"), CompressionLevel.SmallestSize);
        gz.Write(bytes);
    }

    private static byte[] Decode(byte[] body, string? encoding)
    {
        if (encoding is null) return body;
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
