using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace BffPlatform.BffHosting.Upstream;

/// <summary>
/// core-api's 200 JSON body passed on unread, documented (OpenAPI) exactly like <c>Ok&lt;T&gt;</c>.
/// Only for reads whose door shape is core-api's shape: both sides serialize the same contract type
/// from libs/Contracts with the platform's JSON settings, so reading it into <typeparamref name="T"/>
/// and writing it again produced the same bytes at the cost of a deserialize and a serialize per call
/// (bench/bff-web.sh).
/// </summary>
public sealed class UpstreamJson<T> : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    // What Ok<T> writes, so the client sees no difference.
    private const string JsonContentType = "application/json; charset=utf-8";
    private readonly HttpResponseMessage _upstream;
    private readonly byte[] _body;

    /// <param name="body">core-api's body, already read and checked to be well-formed JSON.</param>
    internal UpstreamJson(HttpResponseMessage upstream, byte[] body)
    {
        _upstream = upstream;
        _body = body;
    }

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (_upstream)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCode;
            response.ContentType = JsonContentType;
            response.ContentLength = _body.Length;
            UpstreamHeaders.WriteTo(UpstreamHeaders.From(_upstream.Headers, _upstream.Content.Headers), response);
            await response.Body.WriteAsync(_body, httpContext.RequestAborted);
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
