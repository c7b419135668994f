using System.Net;
using System.Text.Json;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace BffPlatform.BffWeb.Upstream;

/// <summary>Turns core-api's answers (Refit responses) into the SPA's results.</summary>
internal static class UpstreamResults
{
    private const int MaxPassThroughBytes = 64 * 1024;

    public static Results<Ok<T>, UpstreamProblem> Ok<T>(IApiResponse<T> response) =>
        response.IsSuccessful && response.Content is not null ? TypedResults.Ok(response.Content) : Problem(response);

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
            return Failed((int)e.StatusCode, e.Content, e.ContentHeaders?.ContentType?.MediaType);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TimeoutException or ExecutionRejectedException)
        {
            return Unreachable(e);
        }
        context.Response.RegisterForDispose(upstream);
        var mediaType = upstream.Content.Headers.ContentType?.MediaType;
        if (upstream.StatusCode == HttpStatusCode.OK && mediaType == "application/json")
        {
            return new UpstreamJson<T>(upstream);
        }
        if (upstream.StatusCode == HttpStatusCode.NotModified)
        {
            return UpstreamProblem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api answered an unexpected 304.");
        }
        var content = await upstream.Content.ReadAsStringAsync(context.RequestAborted);
        return Failed((int)upstream.StatusCode, content, mediaType);
    }

    public static UpstreamProblem Problem(IApiResponse response)
    {
        if (response.HasRequestError(out var requestError))
        {
            return Unreachable(requestError.InnerException ?? requestError);
        }
        if (response.HasResponseError(out var responseError))
        {
            return Failed((int)responseError.StatusCode, responseError.Content, responseError.ContentHeaders?.ContentType?.MediaType);
        }
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return UpstreamProblem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api answered an unexpected 304.");
        }
        return UpstreamProblem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api answered without content.");
    }

    /// <summary>core-api answered with an error status (or a success bff-web could not read).</summary>
    public static UpstreamProblem Failed(int status, string? content, string? mediaType)
    {
        if (status is >= 200 and < 300)
        {
            // A success we could not read: core-api and bff-web disagree on the contract.
            return UpstreamProblem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable,
                "core-api answered something bff-web could not read.");
        }
        if (IsProblemJson(content, mediaType))
        {
            return UpstreamProblem.PassThrough(status, content!);
        }
        return status switch
        {
            StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable => UpstreamProblem.Of(
                StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api is unavailable."),
            StatusCodes.Status504GatewayTimeout => UpstreamProblem.Of(status, ErrorCodes.UpstreamTimeout, "core-api did not answer in time."),
            StatusCodes.Status404NotFound => UpstreamProblem.Of(status, ErrorCodes.NotFound, "Not found."),
            StatusCodes.Status401Unauthorized => UpstreamProblem.Of(status, ErrorCodes.Unauthorized, "core-api refused the session's token."),
            StatusCodes.Status403Forbidden => UpstreamProblem.Of(status, ErrorCodes.Forbidden, "Not allowed."),
            >= 500 => UpstreamProblem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api failed."),
            _ => UpstreamProblem.Of(status, ErrorCodes.MalformedRequest, "core-api refused the request."),
        };
    }

    /// <summary>No answer at all: down, circuit open (503), or too slow (504).</summary>
    public static UpstreamProblem Unreachable(Exception exception) => exception switch
    {
        TimeoutRejectedException or TaskCanceledException or TimeoutException => UpstreamProblem.Of(
            StatusCodes.Status504GatewayTimeout, ErrorCodes.UpstreamTimeout, "core-api did not answer in time."),
        BrokenCircuitException => UpstreamProblem.Of(
            StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api is unavailable.", "Calls are paused after repeated failures; try again shortly."),
        _ => UpstreamProblem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api is unavailable."),
    };

    private static bool IsProblemJson(string? content, string? mediaType)
    {
        if (string.IsNullOrEmpty(content) || content.Length > MaxPassThroughBytes
            || mediaType is not ("application/problem+json" or "application/json"))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("title", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
