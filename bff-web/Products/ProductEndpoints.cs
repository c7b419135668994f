using BffPlatform.BffWeb.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffWeb.Products;

/// <summary>The storefront's catalog: search, paging, categories, detail.</summary>
internal static class ProductEndpoints
{
    public static RouteGroupBuilder MapProductEndpoints(this IEndpointRouteBuilder api)
    {
        var products = api.MapGroup("/products").WithTags("Products");

        products.MapGet("/", ListAsync)
            .WithName("ListProducts")
            .WithSummary("A page of active products, optionally searched and filtered by category.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        products.MapGet("/categories", CategoriesAsync)
            .WithName("ListCategories")
            .WithSummary("The categories that hold products.");

        products.MapGet("/{id:guid}", GetAsync)
            .WithName("GetProduct")
            .WithSummary("One product.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return products;
    }

    private static async Task<Results<Ok<Page<ProductDto>>, UpstreamProblem>> ListAsync(
        ICoreProductsApi core, string? q, string? category, string? cursor, int? pageSize, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ListAsync(new ProductQuery { Q = q, Category = category, Cursor = cursor, PageSize = pageSize }, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<string>>, UpstreamProblem>> CategoriesAsync(ICoreProductsApi core, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ListCategoriesAsync(cancellationToken));

    private static async Task<Results<Ok<ProductDto>, UpstreamProblem>> GetAsync(ICoreProductsApi core, Guid id, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetAsync(id, cancellationToken: cancellationToken));
}
