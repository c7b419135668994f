using BffPlatform.EndToEnd.Tests.Infrastructure;

namespace BffPlatform.EndToEnd.Tests;

/// <summary>
/// Staff product management through the SPA and bff-web's YARP pass-through to core-api:
/// create, then two editors of the same product — the second save meets 412 and the page
/// says so, reloads the latest version and saves on top of it. Customers see the result.
/// </summary>
public sealed class StaffProductTests(PlatformFixture platform, ITestOutputHelper output) : E2eTest(platform, output)
{
    [Fact]
    public Task Staff_create_a_product_and_the_second_of_two_editors_is_told_someone_saved_first() => RunAsync(async () =>
    {
        var first = await NewPageAsync("staff-1");
        await SignInAsync(first, DemoUsers.Staff);
        await NavAsync(first, "Manage products");
        await ExpectHeadingAsync(first, "Manage products");
        await first.GetByRole(AriaRole.Link, new() { Name = "New product" }).ClickAsync();
        await ExpectHeadingAsync(first, "New product");
        await first.GetByLabel("SKU", new() { Exact = true }).FillAsync("E2E-APRON-1");
        await first.GetByLabel("Name", new() { Exact = true }).FillAsync("Linen Apron");
        await first.GetByLabel("Description", new() { Exact = true }).FillAsync("Stonewashed linen, two pockets.");
        await first.GetByLabel("Category", new() { Exact = true }).FillAsync("Kitchen");
        await first.GetByLabel("Price", new() { Exact = true }).FillAsync("19.50");
        await first.GetByLabel("Currency", new() { Exact = true }).FillAsync("EUR");
        await first.GetByLabel("Stock", new() { Exact = true }).FillAsync("4");
        await first.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();
        await ExpectNoticeAsync(first, "Product created.");
        await ExpectHeadingAsync(first, "Edit product");
        var editUrl = first.Url.Split('?')[0];

        // A second editor opens the same version.
        var second = await NewPageAsync("staff-2");
        await SignInAsync(second, DemoUsers.Staff);
        await second.GotoAsync(editUrl);
        await Expect(second.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Linen Apron");

        // The first saves a new price.
        await first.GetByLabel("Price", new() { Exact = true }).FillAsync("21.00");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await ExpectNoticeAsync(first, "Saved.");

        // The second, still on the old version, is refused (If-Match → 412) and told why.
        await second.GetByLabel("Name", new() { Exact = true }).FillAsync("Linen Apron Sand");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone else saved this product first.");
        await ScreenshotAsync(second, "15-staff-product-conflict");
        await second.GetByRole(AriaRole.Button, new() { Name = "Reload the latest version" }).ClickAsync();
        await Expect(second.GetByLabel("Price", new() { Exact = true })).ToHaveValueAsync("21.00");
        await Expect(second.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Linen Apron");
        await second.GetByLabel("Name", new() { Exact = true }).FillAsync("Linen Apron Sand");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await ExpectNoticeAsync(second, "Saved.");

        // Both edits reach the shop.
        var customer = await NewPageAsync("alice");
        await SignInAsync(customer, DemoUsers.Alice);
        await customer.GotoAsync(Bff + "/?q=Linen+Apron");
        var card = customer.GetByRole(AriaRole.List, new() { Name = "Products" }).GetByRole(AriaRole.Listitem);
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync("Linen Apron Sand");
        await Expect(card).ToContainTextAsync("€21.00");
    });
}
