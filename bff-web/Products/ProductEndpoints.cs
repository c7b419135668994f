using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BffPlatform.BffWeb.Products;

/// <summary>
/// The storefront's catalog: search, paging, categories, detail. Open to visitors, who read it with
/// bff-web's own catalog-read token; a signed-in user reads it with theirs.
/// </summary>
internal static class ProductEndpoints
{
    public static RouteGroupBuilder MapProductEndpoints(this IEndpointRouteBuilder api)
    {
        var products = api.MapGroup("/products").WithTags("Products").AllowAnonymous();

        products.MapGet("/", ListAsync)
            .WithName("ListProducts")
            .WithSummary("A page of active products, optionally searched and filtered by category.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        products.MapGet("/categories", CategoriesAsync)
            .WithName("ListCategories")
            .WithSummary("The categories that hold products.");

        products.MapGet("/{id:guid}", GetAsync)
            .WithName("GetProduct")
            .WithSummary("One product, with its ETag; If-None-Match answers 304.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return products;
    }

    // The storefront's hottest call: core-api's page is already the SPA's shape, so it is passed on unread.
    private static Task<Results<UpstreamJson<Page<ProductDto>>, UpstreamProblem>> ListAsync(
        ICoreProductsApi core, HttpContext context, string? q, string? category, string? cursor, int? pageSize, CancellationToken cancellationToken) =>
        UpstreamResults.PassThroughAsync<Page<ProductDto>>(
            core.ListRawAsync(new ProductQuery { Q = q, Category = category, Cursor = cursor, PageSize = pageSize }, cancellationToken), context);

    private static async Task<Results<UpstreamOk<IReadOnlyList<string>>, UpstreamProblem>> CategoriesAsync(ICoreProductsApi core, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ListCategoriesAsync(cancellationToken));

    private static async Task<Results<UpstreamOk<ProductDto>, UpstreamProblem>> GetAsync(
        ICoreProductsApi core, Guid id, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetAsync(id, ifNoneMatch, cancellationToken));
}
