using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BffPlatform.EndToEnd.Tests.Infrastructure;
using BffPlatform.Testing.Processes;

namespace BffPlatform.EndToEnd.Tests;

/// <summary>
/// A native app's sign-in as RFC 8252 has it, end to end: the system browser (Chromium) signs in on
/// identity's real page, the app catches the loopback redirect on a port of its own, redeems the code
/// with its PKCE (S256) verifier, calls bff-mobile, refreshes, and signs out. Sign-out revokes the whole
/// authorization: a refresh token used moments before, still inside the reuse leeway, is refused too.
/// </summary>
public sealed class NativeAppSignInTests(NativeAppSignInTests.MobilePlatform platform, ITestOutputHelper output)
    : IClassFixture<NativeAppSignInTests.MobilePlatform>
{
    [Fact]
    public async Task The_app_signs_in_through_the_system_browser_calls_bff_mobile_refreshes_and_signs_out()
    {
        var user = DemoUsers.Bob;
        using var loopback = new LoopbackRedirect();
        var (verifier, challenge) = NativeAppSignIn.Pkce();
        const string state = "app-state-1";

        // The system browser: identity's own sign-in page, then the redirect to the app's loopback listener.
        await using var context = await platform.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(NativeAppSignIn.AuthorizeUrl(platform.IdentityUrl, loopback.RedirectUri, challenge, state));
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var callback = await loopback.CallbackAsync.WaitAsync(TimeSpan.FromSeconds(60));
        await Expect(page.GetByText("Signed in. You can return to the app.")).ToBeVisibleAsync();

        Assert.Equal(state, callback["state"]);
        var tokens = await NativeAppSignIn.RedeemCodeAsync(platform.IdentityUrl, callback["code"]!, verifier, loopback.RedirectUri);
        Assert.NotNull(tokens.RefreshToken);
        Assert.Equal(["bff-mobile"], Audiences(tokens.AccessToken));

        using var bff = new HttpClient { BaseAddress = new Uri(platform.BffMobileUrl) };
        var home = await HomeAsync(bff, tokens.AccessToken);
        Assert.Equal("fresh", home["parts"]!["recentOrders"]!.GetValue<string>());
        Assert.Equal("fresh", home["parts"]!["cartCount"]!.GetValue<string>());

        // Refresh with rotation: a new pair; the new access token works at bff-mobile.
        var refreshed = await NativeAppSignIn.RefreshAsync(platform.IdentityUrl, tokens.RefreshToken!);
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        Assert.Equal("fresh", (await HomeAsync(bff, refreshed.AccessToken))["parts"]!["cartCount"]!.GetValue<string>());
        // The first refresh token, used moments ago, is still inside identity's reuse leeway (a retry on a bad network).
        var retried = await NativeAppSignIn.RefreshAsync(platform.IdentityUrl, tokens.RefreshToken!);

        // Sign-out: the app revokes its latest refresh token, and with it the whole authorization.
        await NativeAppSignIn.RevokeAsync(platform.IdentityUrl, retried.RefreshToken!);

        foreach (var (name, refreshToken) in new[] { ("used moments before", tokens.RefreshToken!), ("rotated", refreshed.RefreshToken!), ("revoked", retried.RefreshToken!) })
        {
            var (status, error) = await NativeAppSignIn.TryRefreshAsync(platform.IdentityUrl, refreshToken);
            output.WriteLine($"refresh with the {name} token after sign-out: {(int)status} {error}");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_grant", error);
        }
    }

    private static async Task<JsonNode> HomeAsync(HttpClient bff, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mobile/v1/home");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await bff.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    private static string[] Audiences(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '='))))!;
        return json["aud"] is JsonArray many ? [.. many.Select(a => a!.GetValue<string>())] : [json["aud"]!.GetValue<string>()];
    }

    /// <summary>The app's loopback listener (RFC 8252 §7.3): a port of its own on 127.0.0.1, one callback.</summary>
    private sealed class LoopbackRedirect : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly TaskCompletionSource<System.Collections.Specialized.NameValueCollection> _callback = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LoopbackRedirect()
        {
            var port = FreePort.Next();
            RedirectUri = $"http://127.0.0.1:{port}/callback";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = ListenAsync();
        }

        public string RedirectUri { get; }

        public Task<System.Collections.Specialized.NameValueCollection> CallbackAsync => _callback.Task;

        private async Task ListenAsync()
        {
            try
            {
                var context = await _listener.GetContextAsync();
                var page = Encoding.UTF8.GetBytes("<!doctype html><title>App</title><p>Signed in. You can return to the app.</p>");
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(page);
                context.Response.Close();
                _callback.TrySetResult(context.Request.Url!.AbsolutePath == "/callback"
                    ? context.Request.QueryString
                    : throw new InvalidOperationException($"Unexpected callback path {context.Request.Url}"));
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                _callback.TrySetException(e);
            }
        }

        public void Dispose() => _listener.Close();
    }

    /// <summary>identity, core-api and bff-mobile as real processes, and one headless Chromium.</summary>
    public sealed class MobilePlatform : IAsyncLifetime
    {
        private readonly LocalServices _services = new(RepoPaths.Root, E2eOutput.Directory);

        public string IdentityUrl { get; private set; } = "";
        public string BffMobileUrl { get; private set; } = "";
        public IPlaywright Playwright { get; private set; } = null!;
        public IBrowser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            int identityPort = FreePort.Next(), corePort = FreePort.Next(), mobilePort = FreePort.Next();
            IdentityUrl = $"http://127.0.0.1:{identityPort}";
            var coreApiUrl = $"http://127.0.0.1:{corePort}";
            BffMobileUrl = $"http://127.0.0.1:{mobilePort}";
            try
            {
                var identity = _services.StartIdentity(identityPort, coreApiUrl, ["http://127.0.0.1:9"]);
                var core = _services.StartCoreApi(corePort, IdentityUrl);
                await Task.WhenAll(
                    identity.WaitUntilReadyAsync("/.well-known/openid-configuration", TimeSpan.FromSeconds(120)),
                    core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(120)));
                var mobile = _services.StartBffMobile(mobilePort, IdentityUrl, coreApiUrl);
                await mobile.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(120));

                Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
                Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = PlatformFixture.ChromiumPath,
                    Headless = true,
                    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
                });
            }
            catch
            {
                await DisposeAsync();
                throw;
            }
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null) await Browser.CloseAsync();
            Playwright?.Dispose();
            await _services.DisposeAsync();
        }
    }
}
