using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BffPlatform.Contracts.Partners;
using BffPlatform.Testing.Upstream;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.Security.Tests.Infrastructure;

/// <summary>
/// The whole platform as real processes on free loopback ports, started once for the suite:
/// identity, core-api (Development seed), bff-web, bff-mobile and public-api, each with its own
/// data under one temporary folder. public-api runs WITHOUT the development loopback allowance
/// for webhook receivers (the default), so its SSRF defences are the ones partners meet.
/// Two partners of the tests' own (A and B, plan standard) with live, test and read-only keys;
/// the demo partner (plan free, 10 requests a second) is kept for the flood test.
/// </summary>
public sealed class SecurityPlatform : IAsyncLifetime
{
    private readonly LocalServices _services = new(RepoPaths.Root, Directory.CreateTempSubdirectory("security-tests-logs-").FullName);
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new(StringComparer.Ordinal);
    private string _staffToken = "";

    public string IdentityUrl { get; private set; } = "";
    public string CoreUrl { get; private set; } = "";
    public string WebUrl { get; private set; } = "";
    public string MobileUrl { get; private set; } = "";
    public string PublicUrl { get; private set; } = "";

    /// <summary>identity's current signing key (PEM), as an insider forging tokens with the real key would hold it.</summary>
    public string SigningKeyPath { get; private set; } = "";

    /// <summary>The strict public-api's webhook database (SQLite), for what only an outage or DNS could do to it.</summary>
    public string WebhooksDatabase { get; private set; } = "";

    /// <summary>A product of the demo catalog, in stock.</summary>
    public Guid ProductId { get; private set; }

    /// <summary>The one browser origin public-api is configured to allow (CORS).</summary>
    public const string PartnerOrigin = "https://shop.example";

    /// <summary>A stand-in for core-api whose answers a test sets (API10), and the three doors wired to it.</summary>
    public RecordingCoreApi FakeCore { get; } = new();
    public string WebOnFakeUrl { get; private set; } = "";
    public string MobileOnFakeUrl { get; private set; } = "";
    public string PublicOnFakeUrl { get; private set; } = "";

    public Partner PartnerA { get; private set; } = null!;
    public Partner PartnerB { get; private set; } = null!;

    public string CoreSwaggerRedirect => CoreUrl + "/api/docs/oauth2-redirect.html";

    public async Task InitializeAsync()
    {
        int identityPort = FreePort.Next(), corePort = FreePort.Next(), webPort = FreePort.Next(), mobilePort = FreePort.Next(), publicPort = FreePort.Next();
        IdentityUrl = $"http://127.0.0.1:{identityPort}";
        CoreUrl = $"http://127.0.0.1:{corePort}";
        WebUrl = $"http://127.0.0.1:{webPort}";
        try
        {
            var identity = _services.StartIdentity(identityPort, CoreUrl, [WebUrl], TestUsers());
            var core = _services.StartCoreApi(corePort, IdentityUrl);
            await Task.WhenAll(
                identity.WaitUntilReadyAsync("/.well-known/openid-configuration", TimeSpan.FromSeconds(300)),
                core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(300)));
            SigningKeyPath = Path.Combine(_services.Data("identity", "keys"), "signing-1.pem");
            WebhooksDatabase = _services.Data("public-api", "webhooks.db");

            var spa = _services.Data("spa");
            await File.WriteAllTextAsync(Path.Combine(spa, "index.html"), "<!doctype html><html><body><div id=\"root\">shop</div></body></html>");
            var web = _services.Start("bff-web", "bff-web", "BffPlatform.BffWeb", webPort, new Dictionary<string, string>
            {
                ["Oidc:Authority"] = IdentityUrl + "/",
                ["CoreApi:BaseAddress"] = CoreUrl + "/",
                ["Data:Directory"] = _services.Data("bff-web"),
                ["DataProtection:KeysPath"] = _services.Data("bff-web-keys"),
                ["Spa:RootPath"] = spa,
                // Off in bff-web's appsettings.json (the end-to-end suites): the flood test needs it on.
                ["RateLimiting:Enabled"] = "true",
            });
            var mobile = _services.StartBffMobile(mobilePort, IdentityUrl, CoreUrl, new Dictionary<string, string>
            {
                ["DataProtection:KeysPath"] = _services.Data("bff-mobile-keys"),
            });
            var publicApi = _services.Start("public-api", "public-api", "BffPlatform.PublicApi", publicPort, new Dictionary<string, string>
            {
                ["CoreApi:BaseAddress"] = CoreUrl + "/",
                ["TokenClient:Authority"] = IdentityUrl + "/",
                ["ConnectionStrings:Webhooks"] = $"Data Source={WebhooksDatabase}",
                ["DataProtection:KeysPath"] = _services.Data("public-api-keys"),
                ["Webhooks:AllowLoopbackReceivers"] = "false",
                ["Cors:AllowedOrigins:0"] = PartnerOrigin,
                ["Cors:AllowedOrigins:1"] = PartnerOrigin,
                // The free plan keeps its burst of 10 a second (the flood test) but not its 100 an hour.
                ["RateLimiting:Policies:free:Sustained:Permits"] = "100000",
                ["RateLimiting:Policies:standard:Burst:Permits"] = "1000",
            });
            await FakeCore.StartAsync();
            var onFake = StartDoorsOnFakeCore();
            await Task.WhenAll(
                web.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(300)),
                mobile.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(300)),
                publicApi.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(300)),
                Task.WhenAll(onFake.Select(d => d.WaitUntilReadyAsync("/health/live", TimeSpan.FromSeconds(300)))));
            MobileUrl = mobile.BaseUrl;
            PublicUrl = publicApi.BaseUrl;

            _staffToken = await StaffSignIn.AccessTokenAsync(IdentityUrl, CoreSwaggerRedirect, DemoUsers.Staff, "openid roles core-api partners.admin");
            ProductId = await InStockProductAsync();
            PartnerA = await CreatePartnerAsync("Security A");
            PartnerB = await CreatePartnerAsync("Security B");
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await FakeCore.DisposeAsync();
    }

    /// <summary>bff-web, bff-mobile and public-api with <see cref="FakeCore"/> as their core-api (identity stays real).</summary>
    private ServiceProcess[] StartDoorsOnFakeCore()
    {
        var core = FakeCore.BaseUrl + "/";
        var spa = _services.Data("spa");
        var web = _services.Start("bff-web-on-fake", "bff-web", "BffPlatform.BffWeb", FreePort.Next(), new Dictionary<string, string>
        {
            ["Oidc:Authority"] = IdentityUrl + "/",
            ["CoreApi:BaseAddress"] = core,
            ["Data:Directory"] = _services.Data("bff-web-on-fake"),
            ["DataProtection:KeysPath"] = _services.Data("bff-web-on-fake-keys"),
            ["Spa:RootPath"] = spa,
        });
        var mobile = _services.Start("bff-mobile-on-fake", "bff-mobile", "BffPlatform.BffMobile", FreePort.Next(), new Dictionary<string, string>(BffMobileProcess.Settings(IdentityUrl, FakeCore.BaseUrl))
        {
            ["DataProtection:KeysPath"] = _services.Data("bff-mobile-on-fake-keys"),
        });
        var publicApi = _services.Start("public-api-on-fake", "public-api", "BffPlatform.PublicApi", FreePort.Next(), new Dictionary<string, string>
        {
            ["CoreApi:BaseAddress"] = core,
            ["TokenClient:Authority"] = IdentityUrl + "/",
            ["ConnectionStrings:Webhooks"] = $"Data Source={_services.Data("public-api-on-fake", "webhooks.db")}",
            ["DataProtection:KeysPath"] = _services.Data("public-api-on-fake-keys"),
            // Only here: a receiver on this machine must be reachable to show a redirect is not followed.
            ["Webhooks:AllowLoopbackReceivers"] = "true",
        });
        WebOnFakeUrl = web.BaseUrl;
        MobileOnFakeUrl = mobile.BaseUrl;
        PublicOnFakeUrl = publicApi.BaseUrl;
        return [web, mobile, publicApi];
    }

    /// <summary>Every service's recent output, for a failing test's message.</summary>
    public string Logs() => _services.Logs(40);

    /// <summary>The API key the fake core-api accepts (any well-formed key is, for <see cref="FakePartner"/>).</summary>
    public static readonly string FakeCoreKey = ApiKeyFormat.Generate(ApiKeyKinds.Test);
    public static readonly Guid FakePartner = Guid.Parse("3f2b8c1e-6f4d-4a59-9e0b-7c1d2e3f4a5b");

    /// <summary>The fake core-api's answer to public-api's key checks and usage reports; false for anything else.</summary>
    public static bool TryAnswerKeyCheck(HttpContext context, out Task answered)
    {
        answered = Task.CompletedTask;
        if (!context.Request.Path.StartsWithSegments("/api/v1/partners")) return false;
        context.Response.ContentType = "application/json";
        answered = context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new ApiKeyVerificationDto(
            FakePartner, FakePartner, "Fake", "enterprise", ApiKeyKinds.Test, PartnerEnvironments.Test, PartnerScopes.All, null), Http.Web));
        return true;
    }

    /// <summary>A fake core-api that only answers key checks (everything else: 404).</summary>
    public static Task AnswerKeyChecksOnlyAsync(HttpContext context)
    {
        if (TryAnswerKeyCheck(context, out var answered)) return answered;
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>Runs SQL on a service's SQLite database with the sqlite3 command.</summary>
    public async Task SqliteAsync(string database, string sql)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sqlite3", [database, sql]) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"sqlite3 failed: {error}");
    }

    /// <summary>A client of one door (no cookies kept, no redirects followed).</summary>
    public static HttpClient Client(string baseUrl, string? bearer = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return http;
    }

    /// <summary>The mobile app's access token of <paramref name="user"/> (code + PKCE at identity), one per user for the suite.</summary>
    public Task<string> MobileTokenAsync(DemoUser user) =>
        _tokens.GetOrAdd("mobile:" + user.Email, async _ => (await NativeAppSignIn.SignInAsync(IdentityUrl, BffMobileProcess.CustomSchemeRedirect, user)).AccessToken);

    /// <summary>An internal caller's core-api token for <paramref name="user"/> (Swagger UI's client), one per user and scope.</summary>
    public Task<string> CoreTokenAsync(DemoUser user, string scope = "openid roles core-api catalog.read orders.read orders.write") =>
        _tokens.GetOrAdd($"core:{user.Email}:{scope}", _ => StaffSignIn.AccessTokenAsync(IdentityUrl, CoreSwaggerRedirect, user, scope));

    /// <summary>A browser signed in to bff-web as <paramref name="user"/>.</summary>
    public async Task<TestBrowser> WebSessionAsync(DemoUser user)
    {
        var browser = new TestBrowser();
        await browser.SignInSessionAsync(WebUrl, user.Email, user.Password);
        return browser;
    }

    /// <summary>A core-api client with the staff token (partners.admin).</summary>
    public HttpClient StaffCore() => Client(CoreUrl, _staffToken);

    /// <summary>An order of <paramref name="user"/> placed through bff-mobile (cart, then checkout).</summary>
    public async Task<Guid> PlaceMobileOrderAsync(DemoUser user)
    {
        using var app = Client(MobileUrl, await MobileTokenAsync(user));
        using var put = await app.PutAsJsonAsync($"/mobile/v1/cart/items/{ProductId}", new { quantity = 1 });
        Assert.True(put.IsSuccessStatusCode, $"cart answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        using var checkout = new HttpRequestMessage(HttpMethod.Post, "/mobile/v1/cart/checkout");
        checkout.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var placed = await app.SendAsync(checkout);
        var body = await placed.Content.ReadAsStringAsync();
        Assert.True(placed.IsSuccessStatusCode, $"checkout answered {(int)placed.StatusCode}: {body}");
        return Guid.Parse(JsonNode.Parse(body)!["id"]!.GetValue<string>());
    }

    /// <summary>An order of a partner placed through public-api v2 with <paramref name="key"/>.</summary>
    public async Task<Guid> PlacePartnerOrderAsync(string key)
    {
        using var api = Client(PublicUrl, key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/orders")
        {
            Content = JsonContent.Create(new { lines = new[] { new { productId = ProductId, quantity = 1 } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var placed = await api.SendAsync(request);
        var body = await placed.Content.ReadAsStringAsync();
        Assert.True(placed.IsSuccessStatusCode, $"public-api answered {(int)placed.StatusCode}: {body}");
        return Guid.Parse(JsonNode.Parse(body)!["id"]!.GetValue<string>());
    }

    /// <summary>An order's status as core-api holds it (staff's view), to prove an attack changed nothing.</summary>
    public async Task<string> OrderStatusAsync(Guid orderId)
    {
        var token = await CoreTokenAsync(DemoUsers.Staff, "openid roles core-api orders.read orders.admin");
        using var core = Client(CoreUrl, token);
        using var response = await core.GetAsync($"/api/v1/orders/{orderId}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"core-api answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["status"]!.ToString();
    }

    /// <summary>A key of its own for <paramref name="partner"/>.</summary>
    public async Task<IssuedApiKeyDto> IssueKeyAsync(Guid partner, string kind, IReadOnlyList<string> scopes)
    {
        using var core = StaffCore();
        using var response = await core.PostAsJsonAsync($"/api/v1/partners/{partner}/keys", new IssueApiKeyRequest("security " + kind, kind, scopes));
        return await ReadAsync<IssuedApiKeyDto>(response);
    }

    public async Task RevokeKeyAsync(Guid partner, Guid key)
    {
        using var core = StaffCore();
        using var response = await core.PostAsync($"/api/v1/partners/{partner}/keys/{key}/revoke", null);
        await ReadAsync<ApiKeyDto>(response);
    }

    private async Task<Partner> CreatePartnerAsync(string name)
    {
        using var core = StaffCore();
        using var created = await core.PostAsJsonAsync("/api/v1/partners", new CreatePartnerRequest(name, "standard"));
        var partner = await ReadAsync<PartnerDto>(created);
        var test = await IssueKeyAsync(partner.Id, ApiKeyKinds.Test, PartnerScopes.All);
        var live = await IssueKeyAsync(partner.Id, ApiKeyKinds.Live, PartnerScopes.All);
        var readOnly = await IssueKeyAsync(partner.Id, ApiKeyKinds.Test, [PartnerScopes.CatalogRead, PartnerScopes.OrdersRead]);
        return new Partner(partner.Id, test.Secret, live.Secret, readOnly.Secret);
    }

    private async Task<Guid> InStockProductAsync()
    {
        using var visitor = Client(MobileUrl);
        var page = JsonNode.Parse(await visitor.GetStringAsync("/mobile/v1/products?limit=50"))!;
        return page["items"]!.AsArray()
            .First(p => p!["inStock"]!.GetValue<bool>())!["id"]!.GetValue<Guid>();
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"core-api answered {(int)response.StatusCode}: {body}\n{Logs()}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, Http.Web)!;
    }

    private static Dictionary<string, string> TestUsers()
    {
        // Appended after the three demo users of appsettings.Development.json (indexes 0-2).
        var users = new Dictionary<string, string>();
        for (var i = 0; i < DemoUsers.TestOnly.Count; i++)
        {
            var user = DemoUsers.TestOnly[i];
            var prefix = $"Identity:DemoUsers:{i + 3}:";
            users[prefix + "Email"] = user.Email;
            users[prefix + "Password"] = user.Password;
            users[prefix + "Name"] = user.Name;
            users[prefix + "Role"] = "customer";
        }
        return users;
    }
}

/// <summary>A partner of the suite and its keys: secret test and live keys with every scope, and a read-only test key.</summary>
public sealed record Partner(Guid Id, string TestKey, string LiveKey, string ReadOnlyKey);

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityPlatform>
{
    public const string Name = "security";
}
