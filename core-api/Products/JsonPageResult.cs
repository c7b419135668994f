using System.Net.Mime;

namespace BffPlatform.CoreApi.Products;

/// <summary>
/// 200 with a page of the catalog already rendered as JSON (cached with the page): the
/// storefront's busiest read skips serialising twenty products on every request. The bytes
/// are what <c>TypedResults.Ok(page)</c> would write (same serializer options).
/// </summary>
public sealed class JsonPageResult(ReadOnlyMemory<byte> json) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private const string JsonUtf8 = MediaTypeNames.Application.Json + "; charset=utf-8";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonUtf8;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonUtf8;
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, httpContext.RequestAborted).AsTask();
    }
}
