using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace BffPlatform.BffMobile.Tests.Infrastructure;

/// <summary>
/// The real identity and core-api as processes (from their build output) on free loopback ports,
/// and bff-mobile in memory wired to them: as configured, with core-api down (connection refused),
/// with a core-api that never answers, and with a small burst limit. Shared by the collection.
/// </summary>
public sealed class MobilePlatform : IAsyncLifetime
{
    private readonly LocalServices _services = new(
        RepoPaths.Root,
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "integration-output")).FullName,
        configuration: new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name);
    private readonly ConcurrentDictionary<string, Task<AppTokens>> _signedIn = new();
    private readonly HangingServer _hanging = new();

    public string IdentityUrl { get; private set; } = "";
    public string CoreApiUrl { get; private set; } = "";
    public MobileDoor Door { get; private set; } = null!;
    public MobileDoor DoorWithCoreDown { get; private set; } = null!;
    public MobileDoor DoorWithSlowCore { get; private set; } = null!;

    /// <summary>Burst 3 per 10 s, sustained 5 per minute: the limit is reached by a test in a few calls.</summary>
    public MobileDoor DoorWithSmallLimits { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        int identityPort = FreePort.Next(), corePort = FreePort.Next(), deadPort = FreePort.Next();
        IdentityUrl = $"http://127.0.0.1:{identityPort}";
        CoreApiUrl = $"http://127.0.0.1:{corePort}";
        try
        {
            var identitySettings = new Dictionary<string, string>();
            // Appended after the three demo users of identity's appsettings.Development.json (indexes 0-2).
            for (var i = 0; i < DemoUsers.TestOnly.Count; i++)
            {
                var user = DemoUsers.TestOnly[i];
                identitySettings[$"Identity:DemoUsers:{i + 3}:Email"] = user.Email;
                identitySettings[$"Identity:DemoUsers:{i + 3}:Password"] = user.Password;
                identitySettings[$"Identity:DemoUsers:{i + 3}:Name"] = user.Name;
                identitySettings[$"Identity:DemoUsers:{i + 3}:Role"] = "customer";
            }
            var identity = _services.StartIdentity(identityPort, CoreApiUrl, ["http://127.0.0.1:9"], identitySettings);
            var core = _services.StartCoreApi(corePort, IdentityUrl);
            await Task.WhenAll(
                identity.WaitUntilReadyAsync("/.well-known/openid-configuration", TimeSpan.FromSeconds(120)),
                core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(120)));

            Door = new MobileDoor(DoorSettings(CoreApiUrl));
            DoorWithCoreDown = new MobileDoor(DoorSettings($"http://127.0.0.1:{deadPort}"));
            DoorWithSlowCore = new MobileDoor(DoorSettings(_hanging.Url, new()
            {
                ["CoreApi:AttemptTimeout"] = "00:00:01",
                ["CoreApi:TotalTimeout"] = "00:00:02",
                ["CoreApi:MaxRetries"] = "0",
            }));
            DoorWithSmallLimits = new MobileDoor(DoorSettings(CoreApiUrl, new()
            {
                ["RateLimiting:Policies:mobile:Burst:Permits"] = "3",
                ["RateLimiting:Policies:mobile:Burst:Window"] = "00:00:10",
                ["RateLimiting:Policies:mobile:Sustained:Permits"] = "5",
            }));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Dictionary<string, string> DoorSettings(string coreApiUrl, Dictionary<string, string>? extra = null)
    {
        var settings = BffMobileProcess.Settings(IdentityUrl, coreApiUrl);
        // The suites call fast and often from one address; the limits have their own door.
        settings["RateLimiting:Policies:mobile:Burst:Permits"] = "10000";
        settings["RateLimiting:Policies:mobile:Sustained:Permits"] = "100000";
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return settings;
    }

    /// <summary>A new sign-in of <paramref name="user"/> as the mobile app (code + PKCE).</summary>
    public Task<AppTokens> SignInAsync(DemoUser user, string scope = NativeAppSignIn.Scopes) =>
        NativeAppSignIn.SignInAsync(IdentityUrl, BffMobileProcess.CustomSchemeRedirect, user, scope);

    /// <summary>One sign-in per user and scope for the whole collection (tests that only read).</summary>
    public async Task<string> AccessTokenAsync(DemoUser user, string scope = NativeAppSignIn.Scopes) =>
        (await _signedIn.GetOrAdd(user.Email + " " + scope, _ => SignInAsync(user, scope))).AccessToken;

    /// <summary>A core-api token for the app's user, exchanged as bff-mobile does (for calling core-api directly).</summary>
    public Task<string> CoreTokenForAsync(string appAccessToken) => TokenAsync(new()
    {
        ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
        ["client_id"] = "bff-mobile",
        ["client_secret"] = "bff-mobile-dev-secret",
        ["subject_token"] = appAccessToken,
        ["subject_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
        ["audience"] = "core-api",
    });

    /// <summary>internal-tools' own token (client credentials), e.g. to move an order's status as staff would.</summary>
    public Task<string> InternalToolsTokenAsync(string scope = "core-api catalog.read orders.read orders.admin") => TokenAsync(new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = "internal-tools",
        ["client_secret"] = "internal-tools-dev-secret",
        ["scope"] = scope,
    });

    /// <summary>A plain client of core-api with <paramref name="token"/>.</summary>
    public HttpClient Core(string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(CoreApiUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<string> TokenAsync(Dictionary<string, string> form)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(IdentityUrl + "/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    /// <summary>identity's key folder (its signing key, PEM), for tests that sign tokens as identity would.</summary>
    public string IdentityKeysDirectory => _services.Data("identity", "keys");

    /// <summary>identity's and core-api's recent output, for a failing test's message.</summary>
    public string ServiceLogs() => _services.Logs(40);

    public async Task DisposeAsync()
    {
        foreach (var door in new[] { Door, DoorWithCoreDown, DoorWithSlowCore, DoorWithSmallLimits })
        {
            if (door is not null) await door.DisposeAsync();
        }
        _hanging.Dispose();
        await _services.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MobileCollection : ICollectionFixture<MobilePlatform>
{
    public const string Name = "mobile";
}
