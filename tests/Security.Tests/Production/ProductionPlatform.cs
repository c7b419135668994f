using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BffPlatform.Testing.Upstream;

namespace BffPlatform.Security.Tests.Production;

/// <summary>
/// The platform as it runs in Production (<c>ASPNETCORE_ENVIRONMENT=Production</c>), started once for
/// the Production cases, with only what Production requires on top of each service's
/// appsettings.Production.json:
/// <list type="bullet">
/// <item>identity over TLS: its issuer must be https outside Development and it refuses plain http
/// (but for health probes), and every service fetches its metadata and keys from that issuer, so
/// it serves a certificate made by the test (<see cref="LoopbackCertificate"/>) that the services
/// trust through <c>SSL_CERT_FILE</c>. Its plain-http port answers the health probes only.</item>
/// <item>the other services on plain http on loopback, as their images run behind the Ingress that
/// ends TLS (docs/deployment.md); the test is that Ingress: <c>ForwardedHeaders:KnownProxies</c> is
/// 127.0.0.1, and <see cref="ViaIngress"/> sends <c>X-Forwarded-Proto: https</c> and a public host.</item>
/// <item>real client secrets (identity refuses its <c>-dev-secret</c> ones outside Development),
/// no demo users, no demo catalog, no demo partner.</item>
/// </list>
/// core-api runs twice: as configured (its API documentation off) and with <c>ApiDocs:Enabled=true</c>.
/// bff-mobile reads the catalog from <see cref="FakeCore"/>, whose failures a test sets.
/// </summary>
public sealed class ProductionPlatform : IAsyncLifetime
{
    private readonly LocalServices _services = new(RepoPaths.Root, Directory.CreateTempSubdirectory("security-production-logs-").FullName);
    private readonly Dictionary<string, string> _secrets = new[] { "bff-web", "bff-mobile", "public-api", "internal-tools" }
        .ToDictionary(c => c, _ => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));

    public LoopbackCertificate Certificate { get; private set; } = null!;

    /// <summary>identity's https address (its issuer, without the trailing slash).</summary>
    public string IdentityUrl { get; private set; } = "";
    /// <summary>identity's plain-http port: health probes only.</summary>
    public string IdentityHealthUrl { get; private set; } = "";
    public string CoreUrl { get; private set; } = "";
    public string CoreWithDocsUrl { get; private set; } = "";
    public string WebUrl { get; private set; } = "";
    public string MobileUrl { get; private set; } = "";
    public string PublicUrl { get; private set; } = "";

    /// <summary>bff-mobile's core-api.</summary>
    public RecordingCoreApi FakeCore { get; } = new();

    /// <summary>The one browser origin public-api allows (CORS); https, as Production requires.</summary>
    public const string PartnerOrigin = "https://shop.example";

    /// <summary>The public host names the Ingress serves each service under (deploy/k8s/base/ingress.yaml).</summary>
    public static string PublicHost(string service) => service switch
    {
        "bff-web" => "shop.example.com", "bff-mobile" => "mobile.example.com", "public-api" => "partners.example.com",
        "identity" => "identity.example.com", _ => "core-api.internal.example.com",
    };

    public async Task InitializeAsync()
    {
        Certificate = LoopbackCertificate.Create(_services.Data("tls"));
        int identityPort = FreePort.Next(), identityTlsPort = FreePort.Next(), corePort = FreePort.Next(), docsPort = FreePort.Next(),
            webPort = FreePort.Next(), mobilePort = FreePort.Next(), publicPort = FreePort.Next();
        IdentityUrl = $"https://127.0.0.1:{identityTlsPort}";
        IdentityHealthUrl = $"http://127.0.0.1:{identityPort}";
        CoreUrl = $"http://127.0.0.1:{corePort}";
        WebUrl = $"http://127.0.0.1:{webPort}";
        try
        {
            var identity = _services.StartIdentity(identityPort, CoreUrl, [WebUrl], Production(new()
            {
                ["Identity:Issuer"] = IdentityUrl + "/",
                ["Kestrel:Endpoints:Health:Url"] = $"http://127.0.0.1:{identityPort}",
                ["Kestrel:Endpoints:Https:Url"] = IdentityUrl,
                ["Kestrel:Certificates:Default:Path"] = Certificate.CertificatePath,
                ["Kestrel:Certificates:Default:KeyPath"] = Certificate.KeyPath,
                ["Identity:Clients:bff-web:Secret"] = _secrets["bff-web"],
                ["Identity:Clients:bff-mobile:Secret"] = _secrets["bff-mobile"],
                ["Identity:Clients:public-api:Secret"] = _secrets["public-api"],
                ["Identity:Clients:internal-tools:Secret"] = _secrets["internal-tools"],
            }));
            var core = StartCoreApi("core-api", corePort, docs: false);
            var coreWithDocs = StartCoreApi("core-api-docs", docsPort, docs: true);
            await Task.WhenAll(
                identity.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(300)),
                core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(300)),
                coreWithDocs.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(300)));
            CoreWithDocsUrl = coreWithDocs.BaseUrl;

            var spa = _services.Data("spa");
            await File.WriteAllTextAsync(Path.Combine(spa, "index.html"), "<!doctype html><html><body><div id=\"root\">shop</div></body></html>");
            await FakeCore.StartAsync();
            var web = _services.Start("bff-web", "bff-web", "BffPlatform.BffWeb", webPort, Production(new()
            {
                ["Oidc:Authority"] = IdentityUrl + "/",
                ["Oidc:ClientSecret"] = _secrets["bff-web"],
                ["CoreApi:BaseAddress"] = CoreUrl + "/",
                ["Data:Directory"] = _services.Data("bff-web"),
                ["DataProtection:KeysPath"] = _services.Data("bff-web-keys"),
                ["Spa:RootPath"] = spa,
            }));
            var mobile = _services.Start("bff-mobile", "bff-mobile", "BffPlatform.BffMobile", mobilePort, Production(new()
            {
                ["Authentication:Jwt:Authority"] = IdentityUrl + "/",
                ["TokenClient:Authority"] = IdentityUrl + "/",
                ["TokenClient:ClientSecret"] = _secrets["bff-mobile"],
                ["CoreApi:BaseAddress"] = FakeCore.BaseUrl + "/",
                ["Data:Directory"] = _services.Data("bff-mobile"),
                ["DataProtection:KeysPath"] = _services.Data("bff-mobile-keys"),
            }));
            var publicApi = _services.Start("public-api", "public-api", "BffPlatform.PublicApi", publicPort, Production(new()
            {
                ["TokenClient:Authority"] = IdentityUrl + "/",
                ["TokenClient:ClientSecret"] = _secrets["public-api"],
                ["CoreApi:BaseAddress"] = CoreUrl + "/",
                ["Data:Directory"] = _services.Data("public-api"),
                ["ConnectionStrings:Webhooks"] = $"Data Source={_services.Data("public-api", "webhooks.db")}",
                ["DataProtection:KeysPath"] = _services.Data("public-api-keys"),
                ["Cors:AllowedOrigins:0"] = PartnerOrigin,
            }));
            await Task.WhenAll(
                web.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(300)),
                mobile.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(300)),
                publicApi.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(300)));
            MobileUrl = mobile.BaseUrl;
            PublicUrl = publicApi.BaseUrl;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private ServiceProcess StartCoreApi(string name, int port, bool docs)
    {
        var settings = Production(new()
        {
            ["ConnectionStrings:Core"] = $"Data Source={_services.Data(name, "core.db")}",
            ["Authentication:Jwt:Authority"] = IdentityUrl + "/",
            ["DataProtection:KeysPath"] = _services.Data(name + "-keys"),
        });
        if (docs) settings["ApiDocs:Enabled"] = "true";
        return _services.Start(name, "core-api", "BffPlatform.CoreApi", port, settings);
    }

    /// <summary>The environment and trust every service gets here, with its own settings.</summary>
    private Dictionary<string, string> Production(Dictionary<string, string> settings)
    {
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["DOTNET_ENVIRONMENT"] = "Production";
        settings["SSL_CERT_FILE"] = Certificate.CertificatePath;
        // The test stands where the Ingress does.
        settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        return settings;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await FakeCore.DisposeAsync();
    }

    /// <summary>Every service's recent output, for a failing test's message.</summary>
    public string Logs() => _services.Logs(40);

    /// <summary>A plain-http client of a service on loopback (no cookies, no redirects).</summary>
    public static HttpClient Client(string baseUrl, string? bearer = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return http;
    }

    /// <summary>A client of identity over TLS (its certificate pinned).</summary>
    public HttpClient IdentityClient(bool cookies = false) => Certificate.Client(IdentityUrl, cookies);

    /// <summary>
    /// A request as the Ingress forwards it: the public host name and <c>X-Forwarded-Proto: https</c>
    /// (identity is reached over its own TLS instead, under its public name).
    /// </summary>
    public static HttpRequestMessage ViaIngress(string service, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = PublicHost(service);
        if (service != "identity")
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        }
        return request;
    }

    /// <summary>The client for <paramref name="service"/> (identity over TLS, the others over loopback http).</summary>
    public HttpClient ClientOf(string service, string? bearer = null)
    {
        if (service == "identity") return IdentityClient();
        return Client(service switch
        {
            "bff-web" => WebUrl, "bff-mobile" => MobileUrl, "core-api" => CoreUrl, "core-api-docs" => CoreWithDocsUrl, _ => PublicUrl,
        }, bearer);
    }

    /// <summary>A client-credentials token of <paramref name="client"/> (its Production secret) for <paramref name="scope"/>.</summary>
    public async Task<string> ServiceTokenAsync(string client, string scope)
    {
        using var identity = IdentityClient();
        using var response = await identity.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client,
            ["client_secret"] = _secrets[client],
            ["scope"] = scope,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"identity answered {(int)response.StatusCode}: {body}\n{Logs()}");
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    /// <summary>internal-tools' token for core-api (catalog read and write).</summary>
    public Task<string> CoreTokenAsync() => ServiceTokenAsync("internal-tools", "core-api catalog.read catalog.write");
}

[CollectionDefinition(Name)]
public sealed class ProductionCollection : ICollectionFixture<ProductionPlatform>
{
    public const string Name = "security in production";
}
