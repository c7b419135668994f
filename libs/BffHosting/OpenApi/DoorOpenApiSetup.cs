using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace BffPlatform.BffHosting.OpenApi;

/// <summary>
/// A door's OpenAPI document, the way every door serves it: checked in under
/// libs/Contracts/openapi/ and diffed in a test, so it must not depend on the host that served it.
/// The door's own transformers (its title, security schemes) stay in the door.
/// </summary>
public static class DoorOpenApiSetup
{
    public const string DocumentPath = "/api/openapi/{documentName}.json";

    public static WebApplicationBuilder AddDoorOpenApi(this WebApplicationBuilder builder, string documentName, Action<OpenApiOptions> configure)
    {
        builder.Services.AddOpenApi(documentName, o =>
        {
            configure(o);
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotencyKeyMetadata>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = IdempotencyHeaders.Key,
                        In = ParameterLocation.Header,
                        Required = true,
                        Description = $"A new value per operation, sent again unchanged when retrying it: {OrderLimits.IdempotencyKeyRule}",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = OrderLimits.IdempotencyKeyMaxLength },
                    });
                }
                return Task.CompletedTask;
            });
            // After the door's transformers: no servers, whatever they set.
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Servers = [];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>The document at <see cref="DocumentPath"/>, in Development only (the checked-in copy is the published one).</summary>
    public static IEndpointRouteBuilder MapDoorOpenApi(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi(DocumentPath).AllowAnonymous();
        }
        return app;
    }

    /// <summary>
    /// Swagger UI at <c>/api/docs</c> and ReDoc at <c>/api/redoc</c> over the document at
    /// <see cref="DocumentPath"/>, where that is served (Development).
    /// </summary>
    public static WebApplication UseDoorApiDocs(this WebApplication app, string title, string documentName)
    {
        if (!app.Environment.IsDevelopment()) return app;
        var document = DocumentPath.Replace("{documentName}", documentName, StringComparison.Ordinal);
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.DocumentTitle = $"{title} · Swagger UI";
            o.SwaggerEndpoint(document, $"{title} {documentName}");
        });
        app.UseReDoc(o =>
        {
            o.RoutePrefix = "api/redoc";
            o.DocumentTitle = $"{title} · ReDoc";
            o.SpecUrl = document;
        });
        return app;
    }
}
