using System.Text.Json;
using System.Text.Json.Serialization;
using BffPlatform.ServiceDefaults.Json;

namespace BffPlatform.PublicApi.Webhooks.Events;

/// <summary>How webhook bodies are written (camelCase, enums by camelCase name) and core-api's outbox payloads read.</summary>
internal static class WebhookJson
{
    public static readonly JsonSerializerOptions Write = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static readonly JsonSerializerOptions Read = JsonDefaults.CreateClientOptions();

    public static string Serialize<TData>(WebhookEnvelope<TData> envelope) => JsonSerializer.Serialize(envelope, Write);
}
