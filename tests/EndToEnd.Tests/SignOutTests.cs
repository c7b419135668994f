using BffPlatform.EndToEnd.Tests.Infrastructure;

namespace BffPlatform.EndToEnd.Tests;

public sealed class SignOutTests(PlatformFixture platform, ITestOutputHelper output) : E2eTest(platform, output)
{
    [Fact]
    public Task Sign_out_ends_the_session_here_and_at_identity_so_the_next_sign_in_asks_for_the_password() => RunAsync(async () =>
    {
        var page = await NewPageAsync("alice");
        await SignInAsync(page, DemoUsers.Alice, "/profile");
        await ExpectHeadingAsync(page, "Your profile");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("alice@shop.test");
        await ScreenshotAsync(page, "10-profile");

        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        // Back on the shop as a visitor: the catalog, with "Sign in" and no "Sign out".
        await ExpectUrlStartsWithAsync(page, Bff);
        await ExpectHeadingAsync(page, "Shop");
        await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/bff/user', { headers: { 'X-CSRF': '1' } })).status");
        Assert.Equal(401, status);
        await ScreenshotAsync(page, "11-signed-out");

        // Signing in again shows identity's form: identity's own session ended too.
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await ExpectUrlStartsWithAsync(page, Platform.IdentityUrl);
        await Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        await ScreenshotAsync(page, "12-identity-sign-in");
    });

    [Fact]
    public Task Ending_my_other_sessions_signs_the_other_browser_out() => RunAsync(async () =>
    {
        var laptop = await NewPageAsync("laptop");
        await SignInAsync(laptop, DemoUsers.Erin);
        var phone = await NewPageAsync("phone");
        await SignInAsync(phone, DemoUsers.Erin, "/sessions");

        await ExpectHeadingAsync(phone, "Your sessions");
        var sessions = phone.GetByRole(AriaRole.List, new() { Name = "Active sessions" }).GetByRole(AriaRole.Listitem);
        // Erin signs in nowhere else: exactly the laptop's and the phone's sessions.
        await Expect(sessions).ToHaveCountAsync(2);
        await Expect(sessions.Filter(new() { HasText = "This session" })).ToHaveCountAsync(1);
        await ScreenshotAsync(phone, "13-sessions");

        await phone.GetByRole(AriaRole.Button, new() { Name = "End other sessions" }).ClickAsync();
        await ExpectNoticeAsync(phone, "other session");
        await Expect(sessions).ToHaveCountAsync(1);

        // The laptop's next call is 401: the app switches to "signed out".
        await NavAsync(laptop, "Cart");
        await Expect(laptop.GetByText("You are signed out —")).ToBeVisibleAsync();
        // The phone is still signed in.
        await NavAsync(phone, "Cart");
        await ExpectHeadingAsync(phone, "Your cart");
    });
}
