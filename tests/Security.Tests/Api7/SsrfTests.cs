using System.Net.Http.Json;

namespace BffPlatform.Security.Tests.Api7;

/// <summary>
/// API7 server-side request forgery: public-api (without the development loopback allowance)
/// refuses webhook URLs that reach loopback, private ranges, link-local metadata, IPv6 loopback in
/// every spelling, names resolving there and IPs written in decimal or octal, at registration and
/// when an endpoint's URL is changed.
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API7")]
public sealed class SsrfTests(SecurityPlatform platform)
{
    public static TheoryData<string> Refused() =>
    [
        "https://127.0.0.1/hook",
        "https://127.1.2.3:8443/hook",
        "http://127.0.0.1:5200/api/v1/partners",
        "https://10.0.0.5/hook",
        "https://172.16.3.4/hook",
        "https://192.168.1.10/hook",
        "https://169.254.169.254/latest/meta-data/",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[::ffff:7f00:1]/hook",
        "https://[0:0:0:0:0:0:0:1]/hook",
        "https://[fe80::1]/hook",
        "https://[fd00::1]/hook",
        "https://[::]/hook",
        "https://localhost/hook",
        "https://LOCALHOST./hook",
        "https://ip6-localhost/hook",
        "https://2130706433/hook",
        "https://0177.0.0.1/hook",
        "https://0x7f.0.0.1/hook",
        "https://127.0.1/hook",
        "https://user:pass@93.184.216.34/hook",
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_INFO",
        "ftp://93.184.216.34/hook",
        "http://93.184.216.34/hook",
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_webhook_url_to_an_internal_address_is_refused_at_registration(string url)
    {
        using var api = SecurityPlatform.Client(platform.PublicUrl, platform.PartnerA.TestKey);
        using var response = await api.RegisterEndpointAsync(url);
        await response.AssertProblemAsync(400, "webhook_url_invalid");
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_webhook_url_changed_to_an_internal_address_is_refused(string url)
    {
        using var api = SecurityPlatform.Client(platform.PublicUrl, platform.PartnerA.TestKey);
        using var created = await api.RegisterEndpointAsync("https://93.184.216.34/hooks");
        var id = (await created.JsonAsync())["endpoint"]!["id"]!.GetValue<string>();
        try
        {
            using var response = await api.PatchAsJsonAsync($"/api/v2/webhooks/endpoints/{id}", new { url });
            await response.AssertProblemAsync(400, "webhook_url_invalid");
            var still = await (await api.GetAsync($"/api/v2/webhooks/endpoints/{id}")).JsonAsync();
            Assert.Equal("https://93.184.216.34/hooks", still["url"]!.GetValue<string>());
        }
        finally
        {
            // Endpoints per partner are capped; leave room for the next case.
            using var deleted = await api.DeleteAsync($"/api/v2/webhooks/endpoints/{id}");
        }
    }
}
