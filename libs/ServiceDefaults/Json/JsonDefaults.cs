using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.ServiceDefaults.Json;

public static class JsonDefaults
{
    /// <summary>
    /// The one JSON policy of every service, strict on input so bad requests fail loudly instead
    /// of half-working: camelCase names matched exactly (<c>Quantity</c> is an unknown member, not
    /// <c>quantity</c>), numbers only as JSON numbers (<c>"1"</c> is refused, so the OpenAPI
    /// documents say <c>integer</c>, not <c>integer | string</c>), a member given twice refused
    /// (no "last one wins" for a second <c>price</c> a proxy did not look at), enums by name only,
    /// unknown members refused (a client cannot smuggle in a price), missing required constructor
    /// parameters and nulls in non-nullable members refused. Every member is always written.
    /// </summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    /// <summary>Options for clients reading what a platform service wrote (lenient on unknown members).</summary>
    public static JsonSerializerOptions CreateClientOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    internal static IServiceCollection AddPlatformJson(this IServiceCollection services) =>
        services.Configure<JsonOptions>(o => Apply(o.SerializerOptions));
}
