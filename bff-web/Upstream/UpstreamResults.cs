using System.Net;
using System.Text.Json;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;
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

    public static UpstreamProblem Problem(IApiResponse response)
    {
        if (response.HasRequestError(out var requestError))
        {
            return Unreachable(requestError.InnerException ?? requestError);
        }
        if (response.HasResponseError(out var responseError))
        {
            var status = (int)responseError.StatusCode;
            if (status is >= 200 and < 300)
            {
                // A success we could not read: core-api and bff-web disagree on the contract.
                return UpstreamProblem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable,
                    "core-api answered something bff-web could not read.");
            }
            if (IsProblemJson(responseError.Content, responseError.ContentHeaders?.ContentType?.MediaType))
            {
                return UpstreamProblem.PassThrough(status, responseError.Content!);
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
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return UpstreamProblem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api answered an unexpected 304.");
        }
        return UpstreamProblem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "core-api answered without content.");
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
