using System.Text.RegularExpressions;
using BffPlatform.EndToEnd.Tests.Infrastructure;

namespace BffPlatform.EndToEnd.Tests;

/// <summary>A first-time visitor shops before signing in, and "Add to cart" signs them in on the way.</summary>
public sealed class VisitorTests(PlatformFixture platform, ITestOutputHelper output) : E2eTest(platform, output)
{
    private const string Product = "Portable Radio DAB+";

    [Fact]
    public Task A_visitor_browses_searches_and_opens_a_product_then_add_to_cart_signs_them_in_and_back() => RunAsync(async () =>
    {
        var page = await NewPageAsync("visitor");
        var calls = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Url.StartsWith(Bff + "/api/", StringComparison.Ordinal)) calls.Add($"{r.Status} {r.Request.Method} {r.Url[Bff.Length..]}");
        };

        // The shop's address is the catalog, with "Sign in" in the header, not an error.
        await page.GotoAsync(Bff + "/");
        await ExpectHeadingAsync(page, "Shop");
        var header = page.GetByRole(AriaRole.Banner);
        await Expect(header.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var products = page.GetByRole(AriaRole.List, new() { Name = "Products" });
        await Expect(products.GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        await Expect(page.GetByText("You are signed out")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "20-visitor-catalog");

        // Category and search work without a session.
        await page.GetByLabel("Category").SelectOptionAsync("Audio");
        await Expect(page).ToHaveURLAsync(new Regex("category=Audio"));
        await Expect(products.GetByRole(AriaRole.Link, new() { Name = "Cast Iron Skillet 26 cm" })).ToHaveCountAsync(0);
        await page.GetByLabel("Search products").FillAsync("radio");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(products.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);

        // The product page, still as a visitor.
        await products.GetByRole(AriaRole.Link, new() { Name = Product }).ClickAsync();
        await ExpectHeadingAsync(page, Product);
        var productPath = new Uri(page.Url).AbsolutePath;
        Assert.Matches("^/products/[0-9a-f-]{36}$", productPath);
        await Expect(page.GetByText("You are signed out")).ToHaveCountAsync(0);
        Assert.DoesNotContain(calls, c => !c.StartsWith("200 GET /api/products", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("200 GET /api/products?", StringComparison.Ordinal));

        // "Add to cart" goes through identity's real sign-in page and back to this product page,
        // which then adds the product once and takes the marker out of the address.
        await page.GetByLabel("Quantity").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await ExpectUrlStartsWithAsync(page, Platform.IdentityUrl);
        await page.GetByLabel("Email").FillAsync(DemoUsers.Fay.Email);
        await page.GetByLabel("Password").FillAsync(DemoUsers.Fay.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ExpectUrlStartsWithAsync(page, Bff + productPath);
        await Expect(header.GetByText(DemoUsers.Fay.Name)).ToBeVisibleAsync();
        await ExpectHeadingAsync(page, Product);
        await ExpectNoticeAsync(page, "Added to cart");
        await Expect(page).ToHaveURLAsync(Bff + productPath);
        await ScreenshotAsync(page, "21-visitor-back-and-added");

        // Reloading does not add it again; the cart holds the two.
        await page.ReloadAsync();
        await ExpectHeadingAsync(page, Product);
        await NavAsync(page, "Cart");
        await Expect(page.GetByLabel($"Quantity of {Product}", new() { Exact = true })).ToHaveValueAsync("2");
        Assert.Single(calls, c => c.Contains("POST /api/cart/items", StringComparison.Ordinal));
    });

    [Fact]
    public Task A_visitor_asked_for_their_cart_is_offered_sign_in_not_an_error() => RunAsync(async () =>
    {
        var page = await NewPageAsync("visitor");

        await page.GotoAsync(Bff + "/cart");

        await ExpectHeadingAsync(page, "Cart");
        await Expect(page.GetByText("Sign in to see your cart.")).ToBeVisibleAsync();
        var signIn = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" });
        await Expect(signIn).ToHaveAttributeAsync("href", "/bff/login?returnUrl=%2Fcart");
        await Expect(page.GetByText("You are signed out")).ToHaveCountAsync(0);
    });
}
