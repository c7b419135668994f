using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using Refit;

namespace BffPlatform.Contracts.Clients;

/// <summary>core-api's catalog. Register with <c>AddRefitGeneratedClient&lt;ICoreProductsApi&gt;()</c>.</summary>
public interface ICoreProductsApi
{
    [Get("/api/v1/products")]
    Task<IApiResponse<Page<ProductDto>>> ListAsync([Query] ProductQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same page, unread: for callers that pass core-api's JSON on as-is instead of reading and
    /// writing it again. The caller disposes the response.
    /// </summary>
    [Get("/api/v1/products")]
    Task<HttpResponseMessage> ListRawAsync([Query] ProductQuery query, CancellationToken cancellationToken = default);

    [Get("/api/v1/products/categories")]
    Task<IApiResponse<IReadOnlyList<string>>> ListCategoriesAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/products/{id}")]
    Task<IApiResponse<ProductDto>> GetAsync(Guid id, [Header("If-None-Match")] string? ifNoneMatch = null, CancellationToken cancellationToken = default);

    [Post("/api/v1/products")]
    Task<IApiResponse<ProductDto>> CreateAsync([Body] CreateProductRequest request, CancellationToken cancellationToken = default);

    [Put("/api/v1/products/{id}")]
    Task<IApiResponse<ProductDto>> UpdateAsync(Guid id, [Body] UpdateProductRequest request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    [Delete("/api/v1/products/{id}")]
    Task<IApiResponse> DeactivateAsync(Guid id, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);
}
