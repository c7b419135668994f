using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BffPlatform.EndToEnd.Tests.Infrastructure;

namespace BffPlatform.EndToEnd.Tests;

/// <summary>
/// The staff partner pages (issue 12) through the SPA, bff-web and the real core-api: create a
/// partner, issue a key whose secret is shown once and gone after the dialog closes, see the
/// key's usage as public-api reports it, revoke the key, read the audit log; a customer is
/// refused by the SPA and by bff-web. axe-core checks the pages and the secret dialog.
/// </summary>
public sealed partial class StaffPartnerTests(PlatformFixture platform, ITestOutputHelper output) : E2eTest(platform, output)
{
    [Fact]
    public Task Staff_create_a_partner_issue_a_key_see_its_usage_revoke_it_and_read_the_audit_log() => RunAsync(async () =>
    {
        var partnerName = $"E2E Partner {Guid.NewGuid().ToString("N")[..6]}";
        var page = await NewPageAsync("staff-partners");
        await SignInAsync(page, DemoUsers.Staff);
        await NavAsync(page, "Partners");
        await ExpectHeadingAsync(page, "Partners");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(partnerName);
        await page.GetByLabel("Plan", new() { Exact = true }).FillAsync("free");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create partner" }).ClickAsync();
        await ExpectHeadingAsync(page, partnerName);
        await ExpectNoticeAsync(page, "Partner created.");

        // Issue a test key: the secret is in the dialog, once.
        await page.GetByLabel("Key name").FillAsync("Storefront");
        await page.GetByLabel("Test secret key").CheckAsync();
        await page.GetByLabel("Read orders").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Copy the new key now" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("You will not see this secret again.");
        var secret = (await dialog.GetByTestId("secret").TextContentAsync())!.Trim();
        Assert.Matches(SecretPattern(), secret);
        var displayPrefix = secret[..16];
        await ScreenshotAsync(page, "16-staff-partner-secret-once");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "I have stored it, close" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        var keys = page.GetByRole(AriaRole.Table, new() { Name = "Keys of this partner" });
        var row = keys.Locator("tbody tr").Filter(new() { HasText = displayPrefix + "…" });
        await Expect(row).ToContainTextAsync("Test");
        await Expect(row).ToContainTextAsync("catalog:read orders:read");
        await Expect(row).ToContainTextAsync("Active");
        var keyId = (await row.GetAttributeAsync("data-key-id"))!;

        // A reload shows the key by its prefix; the secret is nowhere any more.
        await page.ReloadAsync();
        await Expect(keys.Locator("tbody tr").Filter(new() { HasText = displayPrefix + "…" })).ToHaveCountAsync(1);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        // public-api's usage report for today, as it would send it; the chart shows it.
        await ReportUsageAsync(Guid.Parse(keyId), requests: 42, rejected: 5);
        await page.ReloadAsync();
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Requests and rejections per day, all keys" });
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart.Locator("desc")).ToContainTextAsync("42 requests, 5 rejected.");
        await page.GetByText("Show the numbers").ClickAsync();
        var figures = page.GetByRole(AriaRole.Table, new() { Name = "Requests and rejections per day, all keys" });
        // Filtered, not the last row: a run across midnight UTC has a new, empty today.
        await Expect(figures.Locator("tbody tr").Filter(new() { HasText = "42" })).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "17-staff-partner-usage");

        // Revoke, after the confirmation.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke key {displayPrefix}" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = $"Revoke key {displayPrefix}…?" });
        await Expect(confirm).ToContainTextAsync("This cannot be undone.");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();
        await ExpectNoticeAsync(page, $"Key {displayPrefix}… revoked.");
        var revoked = keys.Locator("tbody tr").Filter(new() { HasText = displayPrefix + "…" });
        await Expect(revoked).ToContainTextAsync("Revoked");
        await Expect(revoked.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        // The audit log: who did what, newest first, on this page and in the full log.
        var activity = page.GetByRole(AriaRole.Table, new() { Name = "The latest staff actions on this partner and its keys" });
        await Expect(activity.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(activity.Locator("tbody tr").Nth(0)).ToContainTextAsync("Key revoked");
        await Expect(activity.Locator("tbody tr").Nth(1)).ToContainTextAsync("Key issued");
        await Expect(activity.Locator("tbody tr").Nth(2)).ToContainTextAsync("Partner created");
        await Expect(activity).ToContainTextAsync(DemoUsers.Staff.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "Full audit log" }).ClickAsync();
        await ExpectHeadingAsync(page, "Partner audit log");
        await Expect(page.GetByLabel("Partner", new() { Exact = true })).ToHaveValueAsync(await PartnerIdAsync(page));
        var log = page.GetByRole(AriaRole.Table, new() { Name = "Staff actions on partners and keys, newest first" });
        await Expect(log.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(log).ToContainTextAsync(partnerName);
    });

    [Fact]
    public Task A_customer_is_told_the_partner_pages_are_for_staff_and_bff_web_refuses_the_api() => RunAsync(async () =>
    {
        var page = await NewPageAsync("alice-partners");
        // Signed in from the partner page itself and brought back to it: one navigation fewer on a loaded machine.
        await SignInAsync(page, DemoUsers.Alice, "/admin/partners");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Partners" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This page is for staff only.");

        // Asked directly (same origin, X-CSRF, the customer's cookie), bff-web answers 403 Problem Details.
        var answer = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await fetch('/api/admin/partners', { headers: { 'X-CSRF': '1' } });
              return { status: r.status, type: r.headers.get('content-type'), body: await r.json() };
            }
            """);
        Assert.Equal(403, answer.GetProperty("status").GetInt32());
        Assert.StartsWith("application/problem+json", answer.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal("forbidden", answer.GetProperty("body").GetProperty("code").GetString());
    });

    [Fact]
    public Task Partner_pages_and_the_secret_dialog_have_no_serious_or_critical_axe_violations() => RunAsync(async () =>
    {
        var page = await NewPageAsync("staff-partners-axe", bypassCsp: true);
        await SignInAsync(page, DemoUsers.Staff);
        var found = new List<string>();

        await NavAsync(page, "Partners");
        await ExpectHeadingAsync(page, "Partners");
        await CheckAsync(page, "partners", found);

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Axe Partner {Guid.NewGuid().ToString("N")[..6]}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create partner" }).ClickAsync();
        await ExpectNoticeAsync(page, "Partner created.");
        await page.GetByLabel("Key name").FillAsync("Widget");
        await page.GetByLabel("Publishable key").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await CheckAsync(page, "secret dialog", found);
        await page.GetByRole(AriaRole.Button, new() { Name = "I have stored it, close" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Requests and rejections") })).ToBeVisibleAsync();
        await CheckAsync(page, "partner", found);

        await page.GetByRole(AriaRole.Link, new() { Name = "Full audit log" }).ClickAsync();
        await ExpectHeadingAsync(page, "Partner audit log");
        await CheckAsync(page, "partner audit log", found);

        Assert.True(found.Count == 0, "serious/critical accessibility violations:\n" + string.Join("\n", found));
    });

    private async Task CheckAsync(IPage page, string name, List<string> found)
    {
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Loading" })).ToHaveCountAsync(0);
        var violations = await Axe.RunAsync(page);
        Output.WriteLine($"{name}: {violations.Count} violation(s) {string.Join(", ", violations.Select(v => $"{v.Id}/{v.Impact}"))}");
        found.AddRange(violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: [{v.Impact}] {v.Id} — {v.Help} at {string.Join(" | ", v.Targets)}"));
    }

    private static async Task<string> PartnerIdAsync(IPage page) =>
        Regex.Match(await page.EvaluateAsync<string>("() => location.search"), "partnerId=([0-9a-f-]{36})").Groups[1].Value;

    /// <summary>What public-api does after counting a key's calls: its own client-credentials token, absolute counts for today.</summary>
    private async Task ReportUsageAsync(Guid keyId, long requests, long rejected)
    {
        using var http = new HttpClient();
        using var tokenResponse = await http.PostAsync(Platform.IdentityUrl + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "public-api",
            ["client_secret"] = "public-api-dev-secret",
            ["scope"] = "core-api partners.act",
        }));
        var token = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(tokenResponse.IsSuccessStatusCode, $"public-api's token: {token}");
        using var report = new HttpRequestMessage(HttpMethod.Put, Platform.CoreApiUrl + "/api/v1/partners/usage")
        {
            Content = JsonContent.Create(new
            {
                reporter = "e2e-public-api",
                counts = new[] { new { keyId, day = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), requests, rejected } },
            }),
        };
        report.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        using var reported = await http.SendAsync(report);
        Assert.True(reported.IsSuccessStatusCode, $"usage report: {(int)reported.StatusCode} {await reported.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex("^bp_test_[0-9A-Za-z]{36}$")]
    private static partial Regex SecretPattern();
}
