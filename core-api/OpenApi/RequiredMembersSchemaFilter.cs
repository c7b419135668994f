using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace BffPlatform.CoreApi.OpenApi;

/// <summary>
/// Marks <c>required</c> what the platform's JSON policy requires (libs/ServiceDefaults/Json):
/// every constructor parameter without a default and every <c>required</c> member, read from the
/// serializer's own contract so the document cannot disagree with what core-api accepts.
/// </summary>
internal sealed class RequiredMembersSchemaFilter(IOptions<JsonOptions> json) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } target)
        {
            return;
        }
        var options = json.Value.SerializerOptions;
        var info = options.GetTypeInfo(context.Type);
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        foreach (var property in info.Properties.Where(p => IsRequired(p, options.RespectRequiredConstructorParameters)))
        {
            if (target.Properties.ContainsKey(property.Name))
            {
                (target.Required ??= new HashSet<string>()).Add(property.Name);
            }
        }
    }

    private static bool IsRequired(JsonPropertyInfo property, bool constructorParametersRequired) =>
        property.IsRequired || (constructorParametersRequired && property.AssociatedParameter is { HasDefaultValue: false });
}
