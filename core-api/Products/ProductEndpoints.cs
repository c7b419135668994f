using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Paging;
using BffPlatform.CoreApi.Products.Cache;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Products;

public static class ProductEndpoints
{
    public static IHostApplicationBuilder AddProducts(this IHostApplicationBuilder builder)
    {
        return builder.AddCatalogCache();
    }

    public static RouteGroupBuilder MapProducts(this IEndpointRouteBuilder api)
    {
        var products = api.MapGroup("/products").WithTags("Products");

        products.MapGet("/", List)
            .RequireAuthorization(Policies.CatalogRead)
            .Produces<Page<ProductDto>>()
            .WithName("ListProducts")
            .WithSummary("Active products by name; text search over SKU, name and description; cursor paging.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        products.MapGet("/categories", Categories)
            .RequireAuthorization(Policies.CatalogRead)
            .WithName("ListProductCategories")
            .WithSummary("The categories of active products, sorted.");

        products.MapGet("/{id:guid}", Get)
            .RequireAuthorization(Policies.CatalogRead)
            .WithName("GetProduct")
            .WithSummary("One product, with a strong ETag; If-None-Match answers 304.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        products.MapPost("/", Create)
            .RequireAuthorization(Policies.CatalogWrite)
            .WithName("CreateProduct")
            .WithSummary("Create a product (staff, or a service with catalog.write). The SKU is unique.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        products.MapPut("/{id:guid}", Update)
            .RequireAuthorization(Policies.CatalogWrite)
            .WithName("UpdateProduct")
            .WithSummary("Replace a product's editable fields. Requires If-Match with the current ETag.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        products.MapDelete("/{id:guid}", Deactivate)
            .RequireAuthorization(Policies.CatalogWrite)
            .WithName("DeactivateProduct")
            .WithSummary("Deactivate a product (it is kept for orders). Requires If-Match with the current ETag.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        return products;
    }

    private static async Task<Results<JsonPageResult, ProblemHttpResult>> List(
        string? q, string? category, string? cursor, int? pageSize, bool? includeInactive,
        HttpContext http, CatalogCache cache, CancellationToken cancellationToken)
    {
        var query = new ProductQuery { Q = q, Category = category, Cursor = cursor, PageSize = pageSize, IncludeInactive = includeInactive };
        var errors = ProductValidation.ValidateQuery(query);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        if (!Cursor<ProductReads.ListCursor>.TryDecode(query.Cursor, out var after))
        {
            return Pagination.InvalidCursor();
        }
        var list = new ProductReads.ListQuery(
            Search: string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim().ToLowerInvariant(),
            Category: string.IsNullOrWhiteSpace(query.Category) ? null : query.Category.Trim(),
            After: after,
            PageSize: query.PageSize ?? PagingLimits.DefaultPageSize,
            // Only catalog managers may see deactivated products; for others the flag is ignored.
            IncludeInactive: query.IncludeInactive == true && http.User.IsCatalogManager());
        return new JsonPageResult(await cache.GetPageJsonAsync(list.CacheKey, (db, ct) => ProductReads.ListAsync(db, list, ct), cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<string>>> Categories(
        HttpContext http, CatalogCache cache, CancellationToken cancellationToken)
    {
        var all = http.User.IsCatalogManager();
        return TypedResults.Ok(await cache.GetCategoriesAsync(all, (db, ct) => ProductReads.CategoriesAsync(db, all, ct), cancellationToken));
    }

    private static async Task<Results<Ok<ProductDto>, StatusCodeHttpResult, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CatalogCache cache,
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, CancellationToken cancellationToken)
    {
        var product = await cache.GetProductAsync(id, ProductReads.FindAsync, cancellationToken);
        if (product is null || (!product.Active && !http.User.IsCatalogManager()))
        {
            return Problem.NotFound("The product");
        }
        http.Response.Headers.ETag = ETags.For(product.Version);
        if (ETags.NoneMatchHits(ifNoneMatch, product.Version))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(product);
    }

    private static async Task<Results<Created<ProductDto>, ProblemHttpResult>> Create(
        CreateProductRequest request, HttpContext http, CoreDbContext db, CatalogCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = ProductValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        var sku = ProductValidation.NormalizeSku(request.Sku);
        if (await db.Products.AnyAsync(p => p.Sku == sku, cancellationToken))
        {
            return SkuTaken(sku);
        }
        var product = new Product
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Sku = sku,
            Name = request.Name.Trim(),
            Description = request.Description?.Trim() ?? "",
            Category = request.Category.Trim(),
            Price = request.Price,
            Currency = request.Currency,
            Stock = request.Stock,
            Active = true,
            Version = 1,
            UpdatedAt = time.GetUtcNow(),
        };
        db.Products.Add(product);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The only constraint an insert can break here is the unique SKU (a concurrent create).
            db.ChangeTracker.Clear();
            if (await db.Products.AnyAsync(p => p.Sku == sku, cancellationToken))
            {
                return SkuTaken(sku);
            }
            throw;
        }
        await cache.InvalidateAsync([product.Id], cancellationToken);
        http.Response.Headers.ETag = ETags.For(product.Version);
        return TypedResults.Created($"/api/v1/products/{product.Id}", ProductReads.ToDto(product));
    }

    private static async Task<Results<Ok<ProductDto>, ProblemHttpResult>> Update(
        Guid id, UpdateProductRequest request, HttpContext http, CoreDbContext db, CatalogCache cache, TimeProvider time,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return PreconditionRequired();
        }
        var errors = ProductValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return Problem.NotFound("The product");
        }
        if (!ETags.MatchHits(ifMatch, product.Version))
        {
            return PreconditionFailed(http, product.Version);
        }

        product.Name = request.Name.Trim();
        product.Description = request.Description?.Trim() ?? "";
        product.Category = request.Category.Trim();
        product.Price = request.Price;
        product.Currency = request.Currency;
        product.Stock = request.Stock;
        product.Active = request.Active;
        product.Version++;
        product.UpdatedAt = time.GetUtcNow();
        if (!await TrySaveAsync(db, cancellationToken))
        {
            // Someone (an edit or an order reserving stock) changed it between our read and write.
            return PreconditionFailed(http, null);
        }
        await cache.InvalidateAsync([product.Id], cancellationToken);
        http.Response.Headers.ETag = ETags.For(product.Version);
        return TypedResults.Ok(ProductReads.ToDto(product));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(
        Guid id, HttpContext http, CoreDbContext db, CatalogCache cache, TimeProvider time,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return PreconditionRequired();
        }
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return Problem.NotFound("The product");
        }
        if (!ETags.MatchHits(ifMatch, product.Version))
        {
            return PreconditionFailed(http, product.Version);
        }
        if (product.Active)
        {
            product.Active = false;
            product.Version++;
            product.UpdatedAt = time.GetUtcNow();
            if (!await TrySaveAsync(db, cancellationToken))
            {
                return PreconditionFailed(http, null);
            }
            await cache.InvalidateAsync([product.Id], cancellationToken);
        }
        http.Response.Headers.ETag = ETags.For(product.Version);
        return TypedResults.NoContent();
    }

    private static async Task<bool> TrySaveAsync(CoreDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private static ProblemHttpResult SkuTaken(string sku) =>
        Problem.Of(StatusCodes.Status409Conflict, ErrorCodes.SkuTaken, "The SKU is already taken.", $"A product with SKU '{sku}' exists.");

    private static ProblemHttpResult PreconditionRequired() =>
        Problem.Of(StatusCodes.Status428PreconditionRequired, ErrorCodes.PreconditionRequired,
            "If-Match is required.", "Send the product's current ETag in If-Match (GET it first).");

    private static ProblemHttpResult PreconditionFailed(HttpContext http, long? currentVersion)
    {
        if (currentVersion is { } version)
        {
            http.Response.Headers.ETag = ETags.For(version);
        }
        return Problem.Of(StatusCodes.Status412PreconditionFailed, ErrorCodes.PreconditionFailed,
            "The product has changed.", "Your If-Match does not match the current ETag: GET the product again and retry.");
    }
}
