using System.Text.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.PublicApi.Webhooks.Events;
using BffPlatform.Testing;

namespace BffPlatform.PublicApi.Tests.Webhooks;

/// <summary>The published JSON Schemas (docs/webhooks/schemas) name exactly the members the payloads carry.</summary>
public sealed class EventSchemaTests
{
    private static readonly Money Price = new(9.99m, "EUR");
    private static readonly WebhookOrder Order = new(Guid.NewGuid(), OrderStatus.Confirmed, 2, null, false,
        [new WebhookOrderLine(Guid.NewGuid(), "SKU", "Widget", Price, 1, Price)], Price, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    public static TheoryData<string> Types => new(WebhookEventTypes.Subscribable.Append(WebhookEventTypes.Test));

    [Theory]
    [MemberData(nameof(Types))]
    public void Each_event_type_has_a_schema_matching_its_payload(string type)
    {
        var payload = type == WebhookEventTypes.Test
            ? WebhookJson.Serialize(new WebhookEnvelope<TestEventData>("msg_0123456789abcdef0123456789abcdef", type, DateTimeOffset.UtcNow, "live", new TestEventData(Guid.NewGuid(), "hi")))
            : WebhookJson.Serialize(new WebhookEnvelope<OrderEventData>("msg_0123456789abcdef0123456789abcdef", type, DateTimeOffset.UtcNow, "live",
                new OrderEventData(Order, type == WebhookEventTypes.OrderCreated ? null : OrderStatus.Pending)));
        var path = Path.Combine(RepoPaths.Root, "docs", "webhooks", "schemas", type + ".schema.json");
        Assert.True(File.Exists(path), $"{path} is missing");
        using var schema = JsonDocument.Parse(File.ReadAllText(path));
        using var body = JsonDocument.Parse(payload);
        Assert.Equal(type, schema.RootElement.GetProperty("properties").GetProperty("type").GetProperty("const").GetString());
        Match(schema.RootElement, schema.RootElement, body.RootElement, "$");
    }

    private static void Match(JsonElement root, JsonElement schema, JsonElement value, string at)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/$defs/".Length..];
            Match(root, root.GetProperty("$defs").GetProperty(name), value, at);
            return;
        }
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            var expected = properties.EnumerateObject().Select(p => p.Name).Order().ToList();
            Assert.Equal(expected, value.EnumerateObject().Select(p => p.Name).Order().ToList());
            Assert.Equal(expected, schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order().ToList());
            foreach (var member in value.EnumerateObject())
            {
                Match(root, properties.GetProperty(member.Name), member.Value, $"{at}.{member.Name}");
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            foreach (var item in value.EnumerateArray()) Match(root, items, item, at + "[]");
        }
        else if (schema.TryGetProperty("enum", out var values) && value.ValueKind == JsonValueKind.String)
        {
            Assert.Contains(value.GetString(), values.EnumerateArray().Select(v => v.GetString()));
        }
    }
}
