using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using BffPlatform.BffHosting.Tokens;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace BffPlatform.BffHosting.Upstream;

/// <summary>Turns core-api's answers (Refit responses) into the door's results.</summary>
public static class UpstreamResults
{
    private const int MaxPassThroughBytes = 64 * 1024;

    /// <summary>core-api's value (200), its 304 to a conditional GET, or its problem; ETag and friends passed on.</summary>
    public static Results<UpstreamOk<T>, UpstreamProblem> Ok<T>(IApiResponse<T> response)
    {
        if (response.StatusCode == HttpStatusCode.NotModified && response.Headers?.ETag is not null)
        {
            return new UpstreamOk<T>(default, StatusCodes.Status304NotModified, HeadersOf(response));
        }
        return response.IsSuccessful && response.Content is not null && IsJson(response)
            ? new UpstreamOk<T>(response.Content, StatusCodes.Status200OK, HeadersOf(response))
            : Problem(response);
    }

    /// <summary>
    /// As <see cref="Ok{T}"/>, with core-api's value reshaped for the door's clients by <paramref name="shape"/>
    /// (a 304 stays a 304, ETag and friends passed on).
    /// </summary>
    public static Results<UpstreamOk<TOut>, UpstreamProblem> Ok<TIn, TOut>(IApiResponse<TIn> response, Func<TIn, TOut> shape)
    {
        if (response.StatusCode == HttpStatusCode.NotModified && response.Headers?.ETag is not null)
        {
            return new UpstreamOk<TOut>(default, StatusCodes.Status304NotModified, HeadersOf(response));
        }
        return response.IsSuccessful && response.Content is { } value && IsJson(response)
            ? new UpstreamOk<TOut>(shape(value), StatusCodes.Status200OK, HeadersOf(response))
            : Problem(response);
    }

    /// <summary>
    /// core-api's value shaped for the door's client (200); core-api's validators are not passed on,
    /// they belong to core-api's representation, not to the shaped one. Failures as in <see cref="Ok{T}"/>.
    /// </summary>
    public static Results<Ok<TOut>, UpstreamProblem> Shaped<T, TOut>(IApiResponse<T> response, Func<T, TOut> shape) =>
        response.IsSuccessful && response.Content is { } content && response.StatusCode != HttpStatusCode.NotModified && IsJson(response)
            ? TypedResults.Ok(shape(content))
            : Problem(response);

    /// <summary>core-api's new resource (as core-api wrote it, or shaped) as the door's 201 at <paramref name="location"/> (the door's own path), replays marked.</summary>
    public static UpstreamCreated<T> Created<T>(IApiResponse response, T value, string location) =>
        new(value, location, HeadersOf(response));

    /// <summary>
    /// A read passed on as core-api wrote it (see <see cref="UpstreamJson{T}"/>); failures become the
    /// same Problem Details as <see cref="Ok{T}"/>'s. The response is disposed with the request.
    /// </summary>
    public static async Task<Results<UpstreamJson<T>, UpstreamProblem>> PassThroughAsync<T>(Task<HttpResponseMessage> call, HttpContext context)
    {
        HttpResponseMessage upstream;
        try
        {
            upstream = await call;
        }
        catch (ApiRequestException e)
        {
            return Unreachable(e.InnerException ?? e);
        }
        catch (ApiException e)
        {
            return Failed((int)e.StatusCode, e.Content, e.ContentHeaders?.ContentType?.MediaType, HeadersOf(e.Headers, e.ContentHeaders));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TimeoutException or ExecutionRejectedException)
        {
            return Unreachable(e);
        }
        context.Response.RegisterForDispose(upstream);
        var mediaType = upstream.Content.Headers.ContentType?.MediaType;
        if (upstream.StatusCode == HttpStatusCode.OK && mediaType == "application/json")
        {
            // Passed on unread, but never unchecked: a truncated or malformed body must not reach
            // the client as a 200. Checking the syntax costs a fraction of a deserialize.
            var body = await upstream.Content.ReadAsByteArrayAsync(context.RequestAborted);
            return IsJsonObject(body)
                ? new UpstreamJson<T>(upstream, body)
                : Invalid("core-api answered something this service could not read.");
        }
        if (upstream.StatusCode == HttpStatusCode.NotModified)
        {
            return Invalid("core-api answered an unexpected 304.");
        }
        var content = await upstream.Content.ReadAsStringAsync(context.RequestAborted);
        return Failed((int)upstream.StatusCode, content, mediaType, HeadersOf(upstream.Headers, upstream.Content.Headers));
    }

    public static UpstreamProblem Problem(IApiResponse response)
    {
        if (response.HasRequestError(out var requestError))
        {
            return Unreachable(requestError.InnerException ?? requestError);
        }
        if (response.HasResponseError(out var responseError))
        {
            return Failed((int)responseError.StatusCode, responseError.Content, responseError.ContentHeaders?.ContentType?.MediaType, HeadersOf(response));
        }
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return Invalid("core-api answered an unexpected 304.");
        }
        return IsJson(response)
            ? Invalid("core-api answered without content.")
            : Invalid("core-api answered something this service could not read.");
    }

    /// <summary>
    /// Refit deserializes whatever the content type says; a success that is not labelled JSON is not
    /// core-api's contract (a proxy's page, a misrouted call) and is refused rather than half-read.
    /// </summary>
    private static bool IsJson(IApiResponse response) =>
        response.ContentHeaders?.ContentType?.MediaType is "application/json";

    /// <summary>core-api answered with an error status (or a success the door could not read).</summary>
    public static UpstreamProblem Failed(int status, string? content, string? mediaType, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        if (status is >= 200 and < 300)
        {
            // A success we could not read: core-api and the door disagree on the contract.
            return Invalid("core-api answered something this service could not read.");
        }
        if (ProblemOf(content, mediaType) is { } problem)
        {
            return UpstreamProblem.PassOn(status, problem, headers ?? []);
        }
        return status switch
        {
            StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable => UpstreamProblem.Of(
                StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api is unavailable."),
            StatusCodes.Status504GatewayTimeout => UpstreamProblem.Of(status, ErrorCodes.UpstreamTimeout, "core-api did not answer in time."),
            StatusCodes.Status404NotFound => UpstreamProblem.Of(status, ErrorCodes.NotFound, "Not found."),
            StatusCodes.Status401Unauthorized => UpstreamProblem.Of(status, ErrorCodes.Unauthorized, "core-api refused the caller's token."),
            StatusCodes.Status403Forbidden => UpstreamProblem.Of(status, ErrorCodes.Forbidden, "Not allowed."),
            >= 500 => UpstreamProblem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api failed."),
            _ => UpstreamProblem.Of(status, ErrorCodes.MalformedRequest, "core-api refused the request."),
        };
    }

    /// <summary>core-api answered, but nothing the door can use (RFC 9110: 502 Bad Gateway); none of it is passed on.</summary>
    private static UpstreamProblem Invalid(string title) =>
        UpstreamProblem.Of(StatusCodes.Status502BadGateway, ErrorCodes.UpstreamInvalidResponse, title);

    /// <summary>One complete, well-formed JSON object and nothing after it.</summary>
    private static bool IsJsonObject(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>No answer at all: down, circuit open or bulkhead full (503), too slow (504), or no token to call with (503).</summary>
    public static UpstreamProblem Unreachable(Exception exception) => exception switch
    {
        TimeoutRejectedException or TaskCanceledException or TimeoutException => UpstreamProblem.Of(
            StatusCodes.Status504GatewayTimeout, ErrorCodes.UpstreamTimeout, "core-api did not answer in time."),
        BrokenCircuitException => UpstreamProblem.Of(
            StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api is unavailable.", "Calls are paused after repeated failures; try again shortly."),
        UpstreamTokenException => UpstreamProblem.Of(
            StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api is unavailable.", "No token for core-api could be obtained; try again shortly."),
        _ => UpstreamProblem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api is unavailable."),
    };

    private static IReadOnlyList<KeyValuePair<string, string>> HeadersOf(IApiResponse response) =>
        HeadersOf(response.Headers, response.ContentHeaders);

    private static IReadOnlyList<KeyValuePair<string, string>> HeadersOf(HttpHeaders? headers, HttpHeaders? contentHeaders) =>
        UpstreamHeaders.From(headers, contentHeaders);

    /// <summary>core-api's body when it is a Problem Details object (small, JSON, with a title).</summary>
    private static JsonObject? ProblemOf(string? content, string? mediaType)
    {
        if (string.IsNullOrEmpty(content) || content.Length > MaxPassThroughBytes
            || mediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(content) is JsonObject problem && problem.ContainsKey("title") ? problem : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
