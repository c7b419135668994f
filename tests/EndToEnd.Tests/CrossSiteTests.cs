using System.Text.Json;
using BffPlatform.EndToEnd.Tests.Infrastructure;

namespace BffPlatform.EndToEnd.Tests;

/// <summary>
/// A page on another site, opened in the signed-in user's browser, tries to change the cart,
/// check out, end sessions and sign the user out, with forms and fetch. Nothing changes:
/// the SameSite=Strict cookie is not sent cross-site, the X-CSRF header cannot be added without
/// a CORS preflight that bff-web does not grant, and logout needs the session id.
/// </summary>
public sealed class CrossSiteTests(PlatformFixture platform, ITestOutputHelper output) : E2eTest(platform, output)
{
    private const string Product = "Headphone Stand Walnut";

    [Fact]
    public Task A_cross_site_page_posting_forms_and_fetching_changes_nothing() => RunAsync(async () =>
    {
        // Alice's second session (another browser) is what a cross-site "end other sessions"
        // would end: made here, so the check never depends on what earlier tests left behind.
        var elsewhere = await NewPageAsync("alice-elsewhere");
        await SignInAsync(elsewhere, DemoUsers.Alice);
        var shop = await NewPageAsync("alice");
        await SignInAsync(shop, DemoUsers.Alice);
        await shop.GotoAsync(Bff + "/?q=" + Uri.EscapeDataString(Product));
        await shop.GetByRole(AriaRole.Link, new() { Name = Product }).ClickAsync();
        var productId = shop.Url[(shop.Url.LastIndexOf('/') + 1)..];
        await shop.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await ExpectNoticeAsync(shop, "Added to cart");
        var cartBefore = await ReadAsync(shop, "/api/cart");
        var ordersBefore = await ReadAsync(shop, "/api/orders");
        var sessionsBefore = await ReadAsync(shop, "/api/sessions");
        var elsewhereUser = await ReadAsync(elsewhere, "/bff/user");
        Assert.True(JsonDocument.Parse(sessionsBefore).RootElement.GetArrayLength() >= 2, "Alice has her other session: " + sessionsBefore);

        await using var attacker = await CrossSitePage.StartAsync(AttackPage(Bff, productId));
        var tab = await shop.Context.NewPageAsync();
        var formPosts = new[] { "/api/cart/items", "/api/cart/checkout", "/api/sessions/end-others" }
            .Select(path => SettledAsync(tab, Bff + path))
            .ToArray();
        await tab.GotoAsync(attacker.Url);
        await Expect(tab).ToHaveTitleAsync("done");
        await Task.WhenAll(formPosts);
        var results = await tab.EvaluateAsync<string[]>("() => window.results");
        Output.WriteLine("cross-site attempts: " + string.Join(", ", results));
        // The preflighted fetch (JSON + X-CSRF) is stopped by CORS before it is sent.
        Assert.Contains("fetch-with-csrf:blocked", results);
        await tab.CloseAsync();

        // Nothing changed, and the user is still signed in.
        Assert.Equal(cartBefore, await ReadAsync(shop, "/api/cart"));
        Assert.Equal(ordersBefore, await ReadAsync(shop, "/api/orders"));
        Assert.Equal(
            JsonDocument.Parse(sessionsBefore).RootElement.GetArrayLength(),
            JsonDocument.Parse(await ReadAsync(shop, "/api/sessions")).RootElement.GetArrayLength());
        // The other session still works: its browser reads the same user as before.
        Assert.Equal(SessionId(elsewhereUser), SessionId(await ReadAsync(elsewhere, "/bff/user")));
        await NavAsync(shop, "Cart");
        await Expect(shop.GetByLabel($"Quantity of {Product}", new() { Exact = true })).ToHaveValueAsync("1");
        await Expect(shop.GetByRole(AriaRole.Banner).GetByText(DemoUsers.Alice.Name)).ToBeVisibleAsync();
    });

    /// <summary>Completes when the browser finished (or failed) a request to <paramref name="url"/>.</summary>
    private static Task SettledAsync(IPage page, string url)
    {
        var done = new TaskCompletionSource();
        page.RequestFinished += (_, r) => { if (r.Url == url) done.TrySetResult(); };
        page.RequestFailed += (_, r) => { if (r.Url == url) done.TrySetResult(); };
        return done.Task;
    }

    /// <summary>The session id (<c>sid</c> claim) of a <c>/bff/user</c> answer.</summary>
    private static string? SessionId(string claims) =>
        JsonDocument.Parse(claims).RootElement.EnumerateArray()
            .Where(c => c.GetProperty("type").GetString() == "sid")
            .Select(c => c.GetProperty("value").ToString())
            .SingleOrDefault();

    /// <summary>Same-origin read through the shop page, as the SPA does (the body, as text).</summary>
    private static Task<string> ReadAsync(IPage page, string path) =>
        page.EvaluateAsync<string>(
            "async (path) => { const r = await fetch(path, { headers: { 'X-CSRF': '1' } }); if (!r.ok) throw new Error(path + ' ' + r.status); return await r.text(); }",
            path);

    private static string AttackPage(string bff, string productId) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>win a prize</title></head>
        <body>
        <h1>Totally unrelated site</h1>
        <iframe name="sink1" title="sink 1"></iframe>
        <iframe name="sink2" title="sink 2"></iframe>
        <iframe name="sink3" title="sink 3"></iframe>
        <form id="add" method="POST" action="{{bff}}/api/cart/items" target="sink1" enctype="text/plain">
          <input type="hidden" name='{"productId":"{{productId}}","quantity":5,"pad":"' value='"}'>
        </form>
        <form id="checkout" method="POST" action="{{bff}}/api/cart/checkout" target="sink2">
          <input type="hidden" name="X-CSRF" value="1">
        </form>
        <form id="endOthers" method="POST" action="{{bff}}/api/sessions/end-others" target="sink3"></form>
        <img alt="" src="{{bff}}/bff/logout">
        <script>
          window.results = [];
          const note = (r) => window.results.push(r);
          async function attempt(name, run) {
            try { note(name + ':' + await run()); } catch (e) { note(name + ':blocked'); }
          }
          (async () => {
            document.getElementById('add').submit();
            document.getElementById('checkout').submit();
            document.getElementById('endOthers').submit();
            await attempt('fetch-with-csrf', async () => (await fetch('{{bff}}/api/cart/items', {
              method: 'POST', credentials: 'include',
              headers: { 'Content-Type': 'application/json', 'X-CSRF': '1' },
              body: JSON.stringify({ productId: '{{productId}}', quantity: 7 }) })).status);
            await attempt('fetch-simple', async () => (await fetch('{{bff}}/api/cart/items', {
              method: 'POST', mode: 'no-cors', credentials: 'include',
              headers: { 'Content-Type': 'text/plain' },
              body: JSON.stringify({ productId: '{{productId}}', quantity: 9 }) })).type);
            await attempt('fetch-checkout', async () => (await fetch('{{bff}}/api/cart/checkout', {
              method: 'POST', mode: 'no-cors', credentials: 'include' })).type);
            await attempt('fetch-logout', async () => (await fetch('{{bff}}/bff/logout', {
              mode: 'no-cors', credentials: 'include' })).type);
            document.title = 'done';
          })();
        </script>
        </body></html>
        """;
}
