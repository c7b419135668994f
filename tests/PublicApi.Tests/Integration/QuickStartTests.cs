using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BffPlatform.PartnerClient;
using BffPlatform.Testing.Partners;
using BffPlatform.Testing.Webhooks;

namespace BffPlatform.PublicApi.Tests.Integration;

/// <summary>
/// docs/partner-quick-start.md, run as written: its curl blocks in bash against public-api as a process
/// (with a loopback receiver as HOOK_URL), then its receiver-side signature check on what the receiver
/// got, and its C# with the partner client.
/// </summary>
[Collection(PartnerPlatformCollection.Name)]
public sealed partial class QuickStartTests(PartnerPlatform platform) : IAsyncLifetime
{
    private readonly WebhookReceiver _receiver = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("quick-start-").FullName;

    public Task InitializeAsync() => _receiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_quick_starts_curl_commands_ping_list_order_register_a_webhook_and_verify_its_signature()
    {
        var document = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "partner-quick-start.md"));
        var blocks = QuickStartBlock().Matches(document).Select(m => m.Groups["script"].Value).ToList();
        var receiverBlock = Assert.Single(ReceiverBlock().Matches(document)).Groups["script"].Value;
        Assert.True(blocks.Count >= 5, "docs/partner-quick-start.md lost its quick-start blocks");

        var (exit, output, errors) = await BashAsync(string.Join("\necho\n", blocks),
            new() { ["BASE"] = platform.PublicApiUrl, ["HOOK_URL"] = _receiver.Url });

        Assert.True(exit == 0, $"the quick start failed ({exit}):\n{output}\n{errors}\n{platform.Logs()}");
        var answers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(DemoPartner.Name, answers[0]["partnerName"]!.GetValue<string>());
        Assert.Equal(5, answers[1]["items"]!.AsArray().Count);
        Assert.Equal("your-customer-42", answers[2]["customerReference"]!.GetValue<string>());
        Assert.Equal("pending", answers[2]["status"]!.GetValue<string>());
        var secret = answers[3]["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret);
        var messageId = answers[4]["messageId"]!.GetValue<string>();

        var received = await ReceivedAsync(messageId);
        Assert.Contains("\"webhook.test.v1\"", received.Body, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_directory, "body.json"), received.Body);
        var headers = new Dictionary<string, string>
        {
            ["SECRET"] = secret, ["WEBHOOK_ID"] = received.Id, ["WEBHOOK_TIMESTAMP"] = received.Timestamp, ["WEBHOOK_SIGNATURE"] = received.Signature,
        };
        var verified = await BashAsync(receiverBlock, headers);
        Assert.True(verified.Exit == 0, $"the signature check failed:\n{verified.Output}\n{verified.Errors}");
        Assert.Equal("signature ok", verified.Output.Trim());

        // The documented check refuses what it must: an altered body.
        await File.WriteAllTextAsync(Path.Combine(_directory, "body.json"), received.Body.Replace("test event", "fake event", StringComparison.Ordinal));
        var altered = await BashAsync(receiverBlock, headers);
        Assert.NotEqual(0, altered.Exit);
        Assert.Contains("bad signature", altered.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quick_starts_csharp_places_an_order_registers_a_webhook_and_verifies_it_through_the_partner_client()
    {
        using var http = platform.Api.CreateClient();
        var api = PartnerApi.V2(http, DemoPartner.TestKey);

        var me = await api.PingAsync();
        var page = await api.ListProductsAsync(pageSize: 5);
        var product = page.Items[0];
        var idempotencyKey = Guid.NewGuid().ToString();
        var order = await api.PlaceOrderAsync(new NewOrder([new NewOrderLine(product.Id, 1)], "your-customer-42"), idempotencyKey);
        var again = await api.PlaceOrderAsync(new NewOrder([new NewOrderLine(product.Id, 1)], "your-customer-42"), idempotencyKey);
        var v1 = await PartnerApi.V1(http, DemoPartner.TestKey).GetOrderAsync(order.Id);
        var refused = await Assert.ThrowsAsync<PartnerApiException>(() => PartnerApi.V2(http, DemoPartner.PublishableKey).ListOrdersAsync());

        Assert.Equal(DemoPartner.Name, me.PartnerName);
        Assert.Equal(5, page.Items.Count);
        Assert.Equal(order.Id, again.Id);
        Assert.Equal(product.Price.ToDecimal(), order.Total.ToDecimal());
        Assert.Equal(order.Total.ToDecimal(), v1.Total.Amount);
        Assert.Equal("insufficient_scope", refused.Code);

        // Webhooks through the process (its dispatcher runs): register, test event, verify with WebhookVerifier.
        using var processHttp = new HttpClient { BaseAddress = new Uri(platform.PublicApiUrl + "/") };
        var partner = PartnerApi.V2(processHttp, DemoPartner.TestKey);
        var registerKey = Guid.NewGuid().ToString();
        var registered = await partner.RegisterWebhookAsync(
            new NewWebhookEndpoint(_receiver.Url + "?from=csharp", ["order.created.v1", "order.cancelled.v1"]), registerKey);
        var retried = await partner.RegisterWebhookAsync(
            new NewWebhookEndpoint(_receiver.Url + "?from=csharp", ["order.created.v1", "order.cancelled.v1"]), registerKey);
        var queued = await partner.SendTestWebhookAsync(registered.Endpoint.Id, Guid.NewGuid().ToString());

        Assert.Equal((registered.Endpoint.Id, registered.Secret), (retried.Endpoint.Id, retried.Secret));
        var received = await ReceivedAsync(queued.MessageId);
        Assert.Null(new WebhookVerifier(registered.Secret).Check(received.Body, received.Id, received.Timestamp, received.Signature));
        Assert.NotNull(new WebhookVerifier(registered.Secret).Check(received.Body + " ", received.Id, received.Timestamp, received.Signature));
    }

    private async Task<Received> ReceivedAsync(string messageId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_receiver.Requests.FirstOrDefault(r => r.Id == messageId) is { } received)
            {
                return received;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"webhook {messageId} never arrived.\n{platform.Logs()}");
    }

    private async Task<(int Exit, string Output, string Errors)> BashAsync(string script, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        info.ArgumentList.Add("-euo");
        info.ArgumentList.Add("pipefail");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        return (bash.ExitCode, await output, await errors);
    }

    [GeneratedRegex("```bash quick-start\\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuickStartBlock();

    [GeneratedRegex("```bash quick-start-receiver\\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReceiverBlock();
}
