using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BffPlatform.PartnerClient;
using BffPlatform.Testing.Partners;

namespace BffPlatform.PublicApi.Tests.Integration;

/// <summary>docs/partner-quick-start.md, run as written: its curl blocks in bash against public-api as a process, and its C# with the partner client.</summary>
[Collection(PartnerPlatformCollection.Name)]
public sealed partial class QuickStartTests(PartnerPlatform platform)
{
    [Fact]
    public async Task The_quick_starts_curl_commands_ping_list_and_place_an_order()
    {
        var document = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "partner-quick-start.md"));
        var blocks = QuickStartBlock().Matches(document).Select(m => m.Groups["script"].Value).ToList();
        Assert.True(blocks.Count >= 4, "docs/partner-quick-start.md lost its quick-start blocks");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-euo");
        info.ArgumentList.Add("pipefail");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(string.Join("\necho\n", blocks));
        info.Environment["BASE"] = platform.PublicApiUrl;

        using var bash = Process.Start(info)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        var errors = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();

        Assert.True(bash.ExitCode == 0, $"the quick start failed ({bash.ExitCode}):\n{output}\n{errors}\n{platform.Logs()}");
        var answers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(DemoPartner.Name, answers[0]["partnerName"]!.GetValue<string>());
        Assert.Equal(5, answers[1]["items"]!.AsArray().Count);
        Assert.Equal("your-customer-42", answers[2]["customerReference"]!.GetValue<string>());
        Assert.Equal("pending", answers[2]["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_quick_starts_csharp_places_an_order_through_the_partner_client()
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
    }

    [GeneratedRegex("```bash quick-start\\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuickStartBlock();
}
