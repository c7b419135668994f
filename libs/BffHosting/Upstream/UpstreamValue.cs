using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace BffPlatform.BffHosting.Upstream;

/// <summary>
/// core-api's successful answer as the door's, with the headers worth passing on (see
/// <see cref="UpstreamHeaders"/>). Documented (OpenAPI) exactly like <c>Ok&lt;T&gt;</c> / <c>Created&lt;T&gt;</c>.
/// </summary>
public abstract class UpstreamValue<T> : IResult, IStatusCodeHttpResult
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;

    private protected UpstreamValue(T? value, int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        Value = value;
        StatusCode = statusCode;
        _headers = headers;
    }

    public T? Value { get; }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        UpstreamHeaders.WriteTo(_headers, httpContext.Response);
        if (StatusCode == StatusCodes.Status304NotModified)
        {
            httpContext.Response.StatusCode = StatusCode;
            return Task.CompletedTask;
        }
        return Inner().ExecuteAsync(httpContext);
    }

    private protected abstract IResult Inner();

    private protected static void Document(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(T), ["application/json"]));
}

/// <summary>200 with core-api's value, or 304 when core-api found the client's <c>If-None-Match</c> current.</summary>
public sealed class UpstreamOk<T> : UpstreamValue<T>, IEndpointMetadataProvider
{
    internal UpstreamOk(T? value, int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers) : base(value, statusCode, headers)
    {
    }

    private protected override IResult Inner() => TypedResults.Ok(Value);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status200OK);
}

/// <summary>201 with core-api's value at the door's own <see cref="Location"/>.</summary>
public sealed class UpstreamCreated<T> : UpstreamValue<T>, IEndpointMetadataProvider
{
    internal UpstreamCreated(T value, string location, IReadOnlyList<KeyValuePair<string, string>> headers)
        : base(value, StatusCodes.Status201Created, headers) => Location = location;

    public string Location { get; }

    private protected override IResult Inner() => TypedResults.Created(Location, Value);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status201Created);
}
