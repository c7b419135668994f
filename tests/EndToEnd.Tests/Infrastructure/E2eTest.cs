using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace BffPlatform.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Base of the browser tests: fresh browser contexts (separate cookie jars, like separate
/// people), the real sign-in through identity's page, screenshots, CSP violation recording,
/// and service logs in the failure message.
/// </summary>
[Collection(PlatformCollection.Name)]
public abstract class E2eTest(PlatformFixture platform, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<(string Name, CspRecorder Recorder)> _csp = [];

    protected PlatformFixture Platform { get; } = platform;
    protected ITestOutputHelper Output { get; } = output;
    protected string Bff => Platform.BffUrl;

    static E2eTest()
    {
        // Two shared cores and cold services: allow slow first answers, never rely on them being fast.
        SetDefaultExpectTimeout(20_000);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A new browser context with its own cookies; records CSP violations of bff-web's pages.</summary>
    protected async Task<IPage> NewPageAsync(string name, bool bypassCsp = false)
    {
        var context = await Platform.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BypassCSP = bypassCsp,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        _contexts.Add(context);
        if (!bypassCsp)
        {
            var recorder = new CspRecorder();
            await recorder.AttachAsync(context, Bff);
            _csp.Add((name, recorder));
        }
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the app's "Sign in" link and identity's real sign-in page.</summary>
    protected async Task SignInAsync(IPage page, DemoUser user, string path = "/")
    {
        await page.GotoAsync(Bff + path);
        var header = page.GetByRole(AriaRole.Banner);
        await header.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await ExpectUrlStartsWithAsync(page, Platform.IdentityUrl);
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ExpectUrlStartsWithAsync(page, Bff + path);
        await Expect(header.GetByText(user.Name)).ToBeVisibleAsync();
        await Expect(header.GetByRole(AriaRole.Link, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// The page's address starts with <paramref name="prefix"/>, polled like every other web-first
    /// assertion. Not WaitForURLAsync: when the address already matches, that waits for a "load"
    /// event the frame may have fired already, and it once hung 30 s in CI with the page in place.
    /// </summary>
    protected static Task ExpectUrlStartsWithAsync(IPage page, string prefix) =>
        Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(prefix)));

    /// <summary>Full-page screenshot into the test output folder (e2e-output/screenshots).</summary>
    protected async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(E2eOutput.Screenshots, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Output.WriteLine($"screenshot: {path}");
    }

    /// <summary>Navigates inside the SPA by a header link, as a person would.</summary>
    protected static Task NavAsync(IPage page, string linkName) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true }).ClickAsync();

    protected static Task ExpectHeadingAsync(IPage page, string text) =>
        Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = text, Exact = true })).ToBeVisibleAsync();

    /// <summary>
    /// A status message with this text is shown. Filtered by text: a page may show more than one
    /// live status at a time (a "Loading…" while it refreshes beside the notice of what just happened).
    /// </summary>
    protected static Task ExpectNoticeAsync(IPage page, string text) =>
        Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = text })).ToBeVisibleAsync();

    /// <summary>The order id of an order detail page's URL (/orders/{id}).</summary>
    protected static string OrderIdFromUrl(IPage page) =>
        Regex.Match(page.Url, "/orders/([0-9a-fA-F-]{36})").Groups[1].Value is { Length: 36 } id
            ? id
            : throw new InvalidOperationException($"No order id in {page.Url}");

    /// <summary>The receipt-style short id the SPA shows for an order (the random tail of its UUIDv7).</summary>
    protected static string ShortId(string orderId) => orderId.Replace("-", "", StringComparison.Ordinal)[^8..].ToUpperInvariant();

    /// <summary>
    /// Runs a scenario; on failure adds the services' output and a screenshot of every open page
    /// to the message. On success asserts that no page of bff-web violated its CSP.
    /// </summary>
    protected async Task RunAsync(Func<Task> scenario, [CallerMemberName] string name = "")
    {
        try
        {
            await scenario();
        }
        catch (Exception e)
        {
            var n = 0;
            foreach (var page in _contexts.SelectMany(c => c.Pages))
            {
                try
                {
                    await ScreenshotAsync(page, $"FAILED-{name}-{n++}");
                    Output.WriteLine($"page {n}: {page.Url}");
                }
                catch (PlaywrightException)
                {
                    // Page already closed.
                }
            }
            Output.WriteLine(Platform.ServiceLogs());
            // The whole exception, stack included: the message alone does not say which step timed out.
            throw new Xunit.Sdk.XunitException($"{e}\n\n{Platform.ServiceLogs()}");
        }
        var violations = _csp.SelectMany(c => c.Recorder.Violations.Select(v => $"[{c.Name}] {v}")).ToList();
        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations));
    }
}
