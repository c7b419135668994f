using System.Text.Json;
using BffPlatform.EndToEnd.Tests.Infrastructure;

namespace BffPlatform.EndToEnd.Tests;

/// <summary>axe-core on the main pages: no serious or critical violations.</summary>
public sealed class AccessibilityTests(PlatformFixture platform, ITestOutputHelper output) : E2eTest(platform, output)
{
    [Fact]
    public Task Main_pages_have_no_serious_or_critical_axe_violations() => RunAsync(async () =>
    {
        var report = new Dictionary<string, IReadOnlyList<AxeViolation>>();

        var customer = await NewPageAsync("alice-axe", bypassCsp: true);
        await CheckAsync(customer, "visitor home", report, visitorPath: "/");
        await CheckAsync(customer, "visitor cart", report, visitorPath: "/cart");
        await SignInAsync(customer, DemoUsers.Alice);
        await CheckAsync(customer, "catalog", report);
        await customer.GetByRole(AriaRole.List, new() { Name = "Products" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await CheckAsync(customer, "product", report);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await ExpectNoticeAsync(customer, "Added to cart");
        await NavAsync(customer, "Cart");
        await CheckAsync(customer, "cart", report);
        await customer.GetByRole(AriaRole.Link, new() { Name = "Proceed to checkout" }).ClickAsync();
        await CheckAsync(customer, "checkout", report);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(customer.GetByText("Thank you! Your order has been placed.")).ToBeVisibleAsync();
        await CheckAsync(customer, "order detail", report);
        await NavAsync(customer, "Orders");
        await CheckAsync(customer, "order history", report);
        await NavAsync(customer, "Profile");
        await CheckAsync(customer, "profile", report);
        await NavAsync(customer, "Sessions");
        await CheckAsync(customer, "sessions", report);

        var staff = await NewPageAsync("staff-axe", bypassCsp: true);
        await SignInAsync(staff, DemoUsers.Staff);
        await NavAsync(staff, "Manage products");
        await CheckAsync(staff, "staff products", report);
        await staff.GetByRole(AriaRole.Link, new() { Name = "Edit " , Exact = false }).First.ClickAsync();
        await CheckAsync(staff, "staff product edit", report);
        await NavAsync(staff, "Manage orders");
        await CheckAsync(staff, "staff orders", report);

        File.WriteAllText(Path.Combine(E2eOutput.Directory, "axe-report.json"),
            JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        var serious = report
            .SelectMany(p => p.Value.Where(v => v.Impact is "serious" or "critical").Select(v => $"{p.Key}: [{v.Impact}] {v.Id} — {v.Help} at {string.Join(" | ", v.Targets)}"))
            .ToList();
        foreach (var (pageName, violations) in report)
        {
            Output.WriteLine($"{pageName}: {violations.Count} violation(s) {string.Join(", ", violations.Select(v => $"{v.Id}/{v.Impact}"))}");
        }
        Assert.True(serious.Count == 0, "serious/critical accessibility violations:\n" + string.Join("\n", serious));
    });

    private async Task CheckAsync(IPage page, string name, Dictionary<string, IReadOnlyList<AxeViolation>> report, string? visitorPath = null)
    {
        if (visitorPath is not null)
        {
            // Not signed in: the catalog, or a page that asks the visitor to sign in.
            await page.GotoAsync(Bff + visitorPath);
            await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
            if (visitorPath == "/")
            {
                await Expect(page.GetByRole(AriaRole.List, new() { Name = "Products" }).GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
            }
        }
        // Let the page finish loading its data: no "Loading…" status left.
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Loading" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        report[name] = await Axe.RunAsync(page);
    }
}
