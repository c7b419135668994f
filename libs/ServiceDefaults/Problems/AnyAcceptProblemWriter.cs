using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Problems;

/// <summary>
/// The last Problem Details writer: answers whatever the request's <c>Accept</c> says. ASP.NET Core's
/// own writer declines when <c>Accept</c> lists no JSON type (<c>text/html</c>, <c>image/png</c>), and
/// <c>IProblemDetailsService.WriteAsync</c> then throws, which became an empty 500 with two stack traces
/// per request. An error is still an error to a client that asked for HTML: it gets the JSON
/// (RFC 9110 allows a response the client did not list rather than 406 for errors).
/// </summary>
internal sealed class AnyAcceptProblemWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    private const string ProblemJson = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        // What ASP.NET Core's own writer fills in first (its defaults are internal).
        context.ProblemDetails.Status ??= response.StatusCode;
        context.ProblemDetails.Title ??= ReasonPhrases.GetReasonPhrase(context.ProblemDetails.Status.Value);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(context.ProblemDetails, json.Value.SerializerOptions, ProblemJson, context.HttpContext.RequestAborted));
    }
}
