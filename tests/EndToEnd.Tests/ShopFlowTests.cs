using System.Text.RegularExpressions;
using BffPlatform.EndToEnd.Tests.Infrastructure;

namespace BffPlatform.EndToEnd.Tests;

/// <summary>A customer buys, staff ship it, the customer sees it — all through the real UI.</summary>
public sealed class ShopFlowTests(PlatformFixture platform, ITestOutputHelper output) : E2eTest(platform, output)
{
    private const string Product = "Cast Iron Skillet 26 cm";

    [Fact]
    public Task Customer_buys_staff_ships_and_the_customer_sees_it_shipped_without_cancel() => RunAsync(async () =>
    {
        var alice = await NewPageAsync("alice");
        await SignInAsync(alice, DemoUsers.Alice);

        // Browse: the catalog lists products; the category filter narrows it; search finds by text.
        await ExpectHeadingAsync(alice, "Shop");
        var products = alice.GetByRole(AriaRole.List, new() { Name = "Products" });
        await Expect(products.GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        await ScreenshotAsync(alice, "01-catalog");
        // Paging by cursor: "Load more" appends the next page.
        var firstPage = await products.GetByRole(AriaRole.Listitem).CountAsync();
        await alice.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();
        await Expect(products.GetByRole(AriaRole.Listitem)).Not.ToHaveCountAsync(firstPage);
        Assert.True(await products.GetByRole(AriaRole.Listitem).CountAsync() > firstPage);
        await alice.GetByLabel("Category").SelectOptionAsync("Kitchen");
        await Expect(alice).ToHaveURLAsync(new Regex("category=Kitchen"));
        await Expect(products.GetByRole(AriaRole.Link, new() { Name = Product })).ToBeVisibleAsync();
        await Expect(products.GetByRole(AriaRole.Link, new() { Name = "Aurora Wireless Headphones" })).ToHaveCountAsync(0);
        await alice.GetByLabel("Category").SelectOptionAsync("");
        await alice.GetByLabel("Search products").FillAsync("skillet");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(products.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await ScreenshotAsync(alice, "02-catalog-search");

        // Product detail: add two to the cart.
        await products.GetByRole(AriaRole.Link, new() { Name = Product }).ClickAsync();
        await ExpectHeadingAsync(alice, Product);
        await alice.GetByLabel("Quantity").FillAsync("2");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await ExpectNoticeAsync(alice, "Added to cart");
        await ScreenshotAsync(alice, "03-product");

        // Cart: the line and the server's total (2 × 39.90).
        await NavAsync(alice, "Cart");
        await ExpectHeadingAsync(alice, "Your cart");
        await Expect(alice.GetByLabel($"Quantity of {Product}", new() { Exact = true })).ToHaveValueAsync("2");
        await Expect(alice.GetByTestId("cart-total")).ToHaveTextAsync("€79.80");
        await ScreenshotAsync(alice, "04-cart");

        // Checkout.
        await alice.GetByRole(AriaRole.Link, new() { Name = "Proceed to checkout" }).ClickAsync();
        await ExpectHeadingAsync(alice, "Checkout");
        await ScreenshotAsync(alice, "05-checkout");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(alice.GetByText("Thank you! Your order has been placed.")).ToBeVisibleAsync();
        var orderId = OrderIdFromUrl(alice);
        var shortId = ShortId(orderId);
        await Expect(alice.GetByTestId("order-status")).ToHaveTextAsync("Pending");
        await Expect(alice.GetByRole(AriaRole.Button, new() { Name = "Cancel order" })).ToBeVisibleAsync();
        await ScreenshotAsync(alice, "06-order-placed");

        // History lists it with its status.
        await NavAsync(alice, "Orders");
        var row = alice.GetByRole(AriaRole.Row).Filter(new() { Has = alice.GetByRole(AriaRole.Link, new() { Name = $"Order {shortId}" }) });
        await Expect(row).ToContainTextAsync("Pending");
        await Expect(row).ToContainTextAsync("€79.80");
        await ScreenshotAsync(alice, "07-order-history");

        // Staff, in their own browser context, confirm and ship it.
        var staff = await NewPageAsync("staff");
        await SignInAsync(staff, DemoUsers.Staff);
        await NavAsync(staff, "Manage orders");
        await ExpectHeadingAsync(staff, "Manage orders");
        await staff.GetByRole(AriaRole.Button, new() { Name = $"Confirm order {shortId}" }).ClickAsync();
        await ExpectNoticeAsync(staff, $"Order #{shortId} is now Confirmed.");
        await staff.GetByRole(AriaRole.Button, new() { Name = $"Mark shipped order {shortId}" }).ClickAsync();
        await ExpectNoticeAsync(staff, $"Order #{shortId} is now Shipped.");
        await ScreenshotAsync(staff, "08-staff-orders");

        // The customer sees it shipped, and can no longer cancel it.
        await alice.ReloadAsync();
        await Expect(row).ToContainTextAsync("Shipped");
        await row.GetByRole(AriaRole.Link, new() { Name = $"Order {shortId}" }).ClickAsync();
        await Expect(alice.GetByTestId("order-status")).ToHaveTextAsync("Shipped");
        await Expect(alice.GetByRole(AriaRole.Button, new() { Name = "Cancel order" })).ToHaveCountAsync(0);
        await ScreenshotAsync(alice, "09-order-shipped");

        // The cart was emptied by the checkout.
        await NavAsync(alice, "Cart");
        await Expect(alice.GetByText("Your cart is empty.")).ToBeVisibleAsync();
    });
}
