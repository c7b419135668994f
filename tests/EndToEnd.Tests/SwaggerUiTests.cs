using BffPlatform.EndToEnd.Tests.Infrastructure;

namespace BffPlatform.EndToEnd.Tests;

/// <summary>
/// Internal teams get a token from core-api's Swagger UI in a real browser: its Authorize posts to
/// identity's token endpoint cross-origin (with X-Requested-With, so Chromium asks CORS first),
/// then "Try it out" on the product list answers 200.
/// </summary>
public sealed class SwaggerUiTests(PlatformFixture platform, ITestOutputHelper output) : E2eTest(platform, output)
{
    private const string Scheme = "oauth2";

    [Fact]
    public Task Client_credentials_from_swagger_ui_list_the_products() => RunAsync(async () =>
    {
        var page = await OpenDocsAsync("swagger-client-credentials");
        var flow = await OpenAuthorizeAsync(page, "clientCredentials");

        await flow.Locator("#client_id_clientCredentials").FillAsync("internal-tools");
        await flow.Locator("#client_secret_clientCredentials").FillAsync("internal-tools-dev-secret");
        // Swagger UI pre-selects the user scopes (openid, profile, ...) that a service client may not ask for.
        await flow.GetByText("select none", new() { Exact = true }).ClickAsync();
        await TickScopeAsync(flow, "clientCredentials", "catalog.read");
        await flow.GetByRole(AriaRole.Button, new() { Name = "Apply given OAuth2 credentials" }).ClickAsync();

        await ExpectAuthorizedAsync(flow);
        await ScreenshotAsync(page, "20-swagger-client-credentials");
        await CloseAuthorizeAsync(page);
        await ExpectProductListAsync(page);
    });

    [Fact]
    public Task Code_and_pkce_from_swagger_ui_sign_in_on_identitys_page_and_list_the_products() => RunAsync(async () =>
    {
        var page = await OpenDocsAsync("swagger-code-pkce");
        var flow = await OpenAuthorizeAsync(page, "authorizationCode");
        await Expect(flow.Locator("#client_id_authorizationCode")).ToHaveValueAsync("core-api-swagger");
        await TickScopeAsync(flow, "authorizationCode", "catalog.read");

        // Swagger UI opens identity in a window; the staff member signs in on identity's real page.
        var signIn = await page.RunAndWaitForPopupAsync(() =>
            flow.GetByRole(AriaRole.Button, new() { Name = "Apply given OAuth2 credentials" }).ClickAsync());
        await ExpectUrlStartsWithAsync(signIn, Platform.IdentityUrl + "/account/login");
        await signIn.GetByLabel("Email").FillAsync(DemoUsers.Staff.Email);
        await signIn.GetByLabel("Password").FillAsync(DemoUsers.Staff.Password);
        var closed = new TaskCompletionSource();
        signIn.Close += (_, _) => closed.TrySetResult();
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // oauth2-redirect.html hands the code back to Swagger UI and closes the window.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await ExpectAuthorizedAsync(flow);
        await ScreenshotAsync(page, "21-swagger-code-pkce");
        await CloseAuthorizeAsync(page);
        await ExpectProductListAsync(page);
    });

    private async Task<IPage> OpenDocsAsync(string name)
    {
        var page = await NewPageAsync(name);
        await page.GotoAsync(Platform.CoreApiUrl + "/api/docs");
        await Expect(page.Locator(".opblock-summary-path[data-path='/api/v1/products']").First).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Opens the Authorize dialog and returns the block of one OAuth2 flow.</summary>
    private static async Task<ILocator> OpenAuthorizeAsync(IPage page, string flowName)
    {
        await page.Locator(".scheme-container").GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();
        // One block per flow, headed "oauth2 (OAuth2, clientCredentials)" / "(OAuth2, authorizationCode with PKCE)".
        var flow = page.Locator(".auth-container").Filter(new() { HasText = $"(OAuth2, {flowName}" });
        await Expect(flow).ToBeVisibleAsync();
        return flow;
    }

    private static async Task TickScopeAsync(ILocator flow, string flowName, string scope)
    {
        var checkbox = flow.Locator($"[id='{scope}-{flowName}-checkbox-{Scheme}']");
        if (!await checkbox.IsCheckedAsync())
        {
            await flow.Locator($"label[for='{scope}-{flowName}-checkbox-{Scheme}']").ClickAsync();
        }
        await Expect(checkbox).ToBeCheckedAsync();
    }

    /// <summary>Authorized: the flow offers to log out ("Remove authorization"), and shows no error (a CORS refusal shows "Failed to fetch").</summary>
    private static async Task ExpectAuthorizedAsync(ILocator flow)
    {
        await Expect(flow.GetByRole(AriaRole.Button, new() { Name = "Remove authorization" })).ToBeVisibleAsync();
        await Expect(flow.Locator(".errors")).ToHaveCountAsync(0);
    }

    private static Task CloseAuthorizeAsync(IPage page) =>
        page.Locator(".modal-ux").GetByRole(AriaRole.Button, new() { Name = "Close" }).First.ClickAsync();

    /// <summary>"Try it out" on GET /api/v1/products, sent with the token: 200.</summary>
    private static async Task ExpectProductListAsync(IPage page)
    {
        var operation = page.Locator(".opblock-get").Filter(new() { Has = page.Locator(".opblock-summary-path[data-path='/api/v1/products']") });
        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.GetByRole(AriaRole.Button, new() { Name = "Try it out" }).ClickAsync();
        var sent = page.WaitForRequestAsync(r => r.Url.StartsWith(page.Url.Split("/api/docs")[0] + "/api/v1/products", StringComparison.Ordinal));
        await operation.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        var request = await sent;
        Assert.StartsWith("Bearer ", (await request.AllHeadersAsync()).GetValueOrDefault("authorization") ?? "", StringComparison.Ordinal);
        await Expect(operation.Locator(".live-responses-table tbody td.response-col_status").First).ToHaveTextAsync("200");
    }
}
