using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using BffPlatform.BffMobile.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffMobile.Catalog;

/// <summary>
/// The catalog for small screens: search, category, cursor pages of compact cards (10 by default),
/// a product's page, the categories. Open to visitors, who read it with bff-mobile's own token.
/// </summary>
internal static class CatalogEndpoints
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    public static RouteGroupBuilder MapCatalogEndpoints(this IEndpointRouteBuilder api)
    {
        var catalog = api.MapGroup("/").WithTags("Catalog").AllowAnonymous();

        catalog.MapGet("/products", ListAsync)
            .WithName("ListProducts")
            .WithSummary($"A page of products (default {DefaultLimit}, at most {MaxLimit}), searched by q and filtered by category; next page with cursor.")
            .WithPageLimit(MaxLimit);

        catalog.MapGet("/products/{id:guid}", GetAsync)
            .WithName("GetProduct")
            .WithSummary("A product's page.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        catalog.MapGet("/categories", CategoriesAsync)
            .WithName("ListCategories")
            .WithSummary("The categories that hold products.");

        return catalog;
    }

    private static async Task<Results<Ok<ProductPageDto>, UpstreamProblem>> ListAsync(
        ICoreProductsApi core, string? q, string? category, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = new ProductQuery { Q = q, Category = category, Cursor = cursor, PageSize = limit ?? DefaultLimit };
        return UpstreamResults.Shaped(await core.ListAsync(query, cancellationToken), ProductPageDto.Of);
    }

    private static async Task<Results<Ok<ProductDetailDto>, UpstreamProblem>> GetAsync(ICoreProductsApi core, Guid id, CancellationToken cancellationToken) =>
        UpstreamResults.Shaped(await core.GetAsync(id, null, cancellationToken), ProductDetailDto.Of);

    private static async Task<Results<UpstreamOk<IReadOnlyList<string>>, UpstreamProblem>> CategoriesAsync(ICoreProductsApi core, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ListCategoriesAsync(cancellationToken));
}
