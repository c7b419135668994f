using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.Contracts.Products;
using BffPlatform.PublicApi.Keys;
using BffPlatform.PublicApi.Versions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BffPlatform.PublicApi.Catalog;

/// <summary>The catalog, read with <c>catalog:read</c> (publishable keys included): cursor pages and single products.</summary>
public static class CatalogEndpoints
{
    public static RouteGroupBuilder MapCatalogEndpoints(this RouteGroupBuilder api, ApiVersion version)
    {
        var group = api.MapGroup("/products").WithTags("Catalog").RequirePartnerScope(PartnerScopes.CatalogRead);
        if (version == ApiVersion.V1)
        {
            group.MapGet("", ListV1Async).WithSummary("A page of active products (prices as decimal amounts).");
            group.MapGet("/{id:guid}", GetV1Async).WithSummary("One product; send If-None-Match with its ETag to get 304 when unchanged.");
        }
        else
        {
            group.MapGet("", ListV2Async).WithSummary("A page of active products (prices in minor units).");
            group.MapGet("/{id:guid}", GetV2Async).WithSummary("One product; send If-None-Match with its ETag to get 304 when unchanged.");
        }
        return group;
    }

    // v1's page is core-api's page: passed on unread.
    private static Task<Results<UpstreamJson<Page<ProductDto>>, UpstreamProblem>> ListV1Async(
        HttpContext http, ICoreProductsApi core, [FromQuery] string? q, [FromQuery] string? category, [FromQuery] string? cursor, [FromQuery] int? pageSize,
        CancellationToken cancellationToken) =>
        UpstreamResults.PassThroughAsync<Page<ProductDto>>(core.ListRawAsync(Query(q, category, cursor, pageSize), cancellationToken), http);

    private static async Task<Results<UpstreamOk<ProductDto>, UpstreamProblem>> GetV1Async(
        ICoreProductsApi core, Guid id, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetAsync(id, ifNoneMatch, cancellationToken));

    private static async Task<Results<Ok<Page<ProductV2Dto>>, UpstreamProblem>> ListV2Async(
        ICoreProductsApi core, [FromQuery] string? q, [FromQuery] string? category, [FromQuery] string? cursor, [FromQuery] int? pageSize,
        CancellationToken cancellationToken)
    {
        using var response = await core.ListAsync(Query(q, category, cursor, pageSize), cancellationToken);
        return UpstreamResults.Shaped(response, page => new Page<ProductV2Dto>([.. page.Items.Select(ProductV2Dto.From)], page.NextCursor));
    }

    private static async Task<Results<UpstreamOk<ProductV2Dto>, UpstreamProblem>> GetV2Async(
        ICoreProductsApi core, Guid id, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetAsync(id, ifNoneMatch, cancellationToken), ProductV2Dto.From);

    // Partners see active products only: IncludeInactive is staff's.
    private static ProductQuery Query(string? q, string? category, string? cursor, int? pageSize) =>
        new() { Q = q, Category = category, Cursor = cursor, PageSize = pageSize };
}
