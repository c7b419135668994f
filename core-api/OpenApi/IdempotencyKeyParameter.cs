using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Idempotency;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace BffPlatform.CoreApi.OpenApi;

/// <summary>
/// Documents the <c>Idempotency-Key</c> header of endpoints under <see cref="IdempotencyFilter"/>:
/// the filter reads it, so no handler parameter shows it to the API explorer.
/// </summary>
internal sealed class IdempotencyKeyParameter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IdempotencyKeyMetadata>().Any())
        {
            return;
        }
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyHeaders.Key,
            In = ParameterLocation.Header,
            Required = true,
            Description = $"A unique value per operation, sent again unchanged when retrying: {OrderLimits.IdempotencyKeyRule}",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = OrderLimits.IdempotencyKeyMaxLength },
        });
    }
}
