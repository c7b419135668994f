using BffPlatform.EndToEnd.Tests.Infrastructure;

namespace BffPlatform.EndToEnd.Tests;

/// <summary>Cancel is offered and works while pending or confirmed; core-api enforces the rest.</summary>
public sealed class CancelRulesTests(PlatformFixture platform, ITestOutputHelper output) : E2eTest(platform, output)
{
    [Fact]
    public Task Customer_can_cancel_a_pending_and_a_confirmed_order_but_not_a_shipped_one() => RunAsync(async () =>
    {
        var dave = await NewPageAsync("dave");
        await SignInAsync(dave, DemoUsers.Dave);
        var staff = await NewPageAsync("staff");
        await SignInAsync(staff, DemoUsers.Staff);

        // Pending: cancel.
        var pending = await PlaceOrderAsync(dave, "Pour-Over Coffee Set");
        await dave.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(dave.GetByText("Your order has been cancelled.")).ToBeVisibleAsync();
        await Expect(dave.GetByTestId("order-status")).ToHaveTextAsync("Cancelled");
        await Expect(dave.GetByRole(AriaRole.Button, new() { Name = "Cancel order" })).ToHaveCountAsync(0);

        // Confirmed: still cancellable.
        var confirmed = await PlaceOrderAsync(dave, "Bamboo Cutting Board Set");
        await MoveAsync(staff, confirmed, "Confirm", "Confirmed");
        await dave.ReloadAsync();
        await Expect(dave.GetByTestId("order-status")).ToHaveTextAsync("Confirmed");
        await dave.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(dave.GetByTestId("order-status")).ToHaveTextAsync("Cancelled");

        // Shipped while the customer's page still offers "Cancel order": core-api refuses and the
        // page shows its message and the real status.
        var shipped = await PlaceOrderAsync(dave, "Electric Kettle 1.7 L");
        await MoveAsync(staff, shipped, "Confirm", "Confirmed");
        await MoveAsync(staff, shipped, "Mark shipped", "Shipped");
        var refusal = dave.WaitForResponseAsync(r => r.Url.EndsWith($"/api/orders/{shipped}/cancel", StringComparison.Ordinal));
        await dave.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        var response = await refusal;
        Assert.Equal(409, response.Status);
        var problem = await response.JsonAsync();
        Assert.Equal("illegal_status_transition", problem?.GetProperty("code").GetString());
        await Expect(dave.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(dave.GetByTestId("order-status")).ToHaveTextAsync("Shipped");
        await Expect(dave.GetByRole(AriaRole.Button, new() { Name = "Cancel order" })).ToHaveCountAsync(0);

        // My orders: the three orders with their statuses.
        await NavAsync(dave, "Orders");
        foreach (var (id, status) in new[] { (pending, "Cancelled"), (confirmed, "Cancelled"), (shipped, "Shipped") })
        {
            var row = dave.GetByRole(AriaRole.Row).Filter(new() { Has = dave.GetByRole(AriaRole.Link, new() { Name = $"Order {ShortId(id)}" }) });
            await Expect(row).ToContainTextAsync(status);
        }
        // Staff cannot move a cancelled order on.
        await staff.GotoAsync(Bff + "/admin/orders?status=cancelled");
        await Expect(staff.GetByRole(AriaRole.Link, new() { Name = $"Order {ShortId(pending)}" })).ToBeVisibleAsync();
        await Expect(staff.GetByRole(AriaRole.Button, new() { Name = $"Confirm order {ShortId(pending)}" })).ToHaveCountAsync(0);
    });

    /// <summary>Adds one of the product to the cart through the UI and checks out; returns the order id.</summary>
    private async Task<string> PlaceOrderAsync(IPage page, string product)
    {
        await page.GotoAsync(Bff + "/?q=" + Uri.EscapeDataString(product));
        await page.GetByRole(AriaRole.List, new() { Name = "Products" }).GetByRole(AriaRole.Link, new() { Name = product }).ClickAsync();
        await ExpectHeadingAsync(page, product);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await ExpectNoticeAsync(page, "Added to cart");
        await page.GetByRole(AriaRole.Link, new() { Name = "View cart" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Proceed to checkout" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(page.GetByText("Thank you! Your order has been placed.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Pending");
        return OrderIdFromUrl(page);
    }

    private async Task MoveAsync(IPage staff, string orderId, string action, string newStatus)
    {
        await staff.GotoAsync(Bff + "/admin/orders");
        await staff.GetByRole(AriaRole.Button, new() { Name = $"{action} order {ShortId(orderId)}" }).ClickAsync();
        await ExpectNoticeAsync(staff, $"Order #{ShortId(orderId)} is now {newStatus}.");
    }
}
