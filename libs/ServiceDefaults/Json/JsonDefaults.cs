using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.ServiceDefaults.Json;

public static class JsonDefaults
{
    /// <summary>
    /// Strict on input so bad requests fail loudly instead of half-working: enums by name only,
    /// unknown members refused (a client cannot smuggle in a price), missing required
    /// constructor parameters and nulls in non-nullable members refused.
    /// </summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
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
