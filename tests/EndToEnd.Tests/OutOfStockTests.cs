using BffPlatform.EndToEnd.Tests.Infrastructure;

namespace BffPlatform.EndToEnd.Tests;

public sealed class OutOfStockTests(PlatformFixture platform, ITestOutputHelper output) : E2eTest(platform, output)
{
    [Fact]
    public Task Asking_for_more_than_the_stock_shows_the_servers_message() => RunAsync(async () =>
    {
        var page = await NewPageAsync("carol");
        await SignInAsync(page, DemoUsers.Carol);

        // "Vinyl Turntable Classic" has 3 in stock in the demo catalog; ask for 5.
        await page.GotoAsync(Bff + "/?q=Turntable");
        await page.GetByRole(AriaRole.Link, new() { Name = "Vinyl Turntable Classic" }).ClickAsync();
        await ExpectHeadingAsync(page, "Vinyl Turntable Classic");
        await page.GetByLabel("Quantity").FillAsync("5");

        // core-api may refuse when adding, or at checkout: either way the page must show what it said.
        var refused = page.WaitForResponseAsync(r =>
            r.Request.Method == "POST" && r.Status >= 400
            && (r.Url.EndsWith("/api/cart/items", StringComparison.Ordinal) || r.Url.EndsWith("/api/cart/checkout", StringComparison.Ordinal)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        var added = await page.GetByRole(AriaRole.Status).Or(page.GetByRole(AriaRole.Alert)).First.TextContentAsync();
        if (added?.Contains("Added to cart", StringComparison.Ordinal) == true)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "View cart" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Proceed to checkout" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        }
        var response = await refused;
        var problem = await response.JsonAsync();
        Assert.NotNull(problem);
        Assert.Equal("insufficient_stock", problem.Value.GetProperty("code").GetString());
        var message = problem.Value.TryGetProperty("detail", out var detail) ? detail.GetString() : problem.Value.GetProperty("title").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message!);
        await ScreenshotAsync(page, "14-out-of-stock");

        // The sold-out product is shown as such in the catalog.
        await page.GotoAsync(Bff + "/?q=Sourdough+Starter");
        var card = page.GetByRole(AriaRole.List, new() { Name = "Products" }).GetByRole(AriaRole.Listitem);
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync("Out of stock");
    });
}
