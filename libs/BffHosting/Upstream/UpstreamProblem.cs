using System.Reflection;
using System.Text.Json.Nodes;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace BffPlatform.BffHosting.Upstream;

/// <summary>
/// A failed call to core-api as the door's client sees it: core-api's own Problem Details passed on
/// (status, code, title, detail, errors; <c>instance</c> the door's own path, not core-api's), or
/// the door's 502 when core-api's answer cannot be used and 503/504 when core-api cannot answer.
/// </summary>
public sealed class UpstreamProblem : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private const string ProblemJson = "application/problem+json";
    private readonly JsonObject? _passedOn;
    private readonly ProblemDetails? _problem;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;

    private UpstreamProblem(int status, JsonObject? passedOn, ProblemDetails? problem, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        StatusCode = status;
        _passedOn = passedOn;
        _problem = problem;
        _headers = headers ?? [];
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>The code carried by this answer (the door's own, or core-api's).</summary>
    public string? Code => _problem?.Extensions.TryGetValue("code", out var code) == true
        ? code as string
        : _passedOn?["code"] is JsonValue value && value.TryGetValue(out string? passed) ? passed : null;

    /// <summary>core-api's Problem Details, passed on with the headers worth keeping.</summary>
    internal static UpstreamProblem PassOn(int status, JsonObject problem, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new(status, problem, null, headers);

    public static UpstreamProblem Of(int status, string code, string title, string? detail = null) =>
        new(status, null, Problem.Create(status, code, title, detail));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        UpstreamHeaders.WriteTo(_headers, httpContext.Response);
        if (_passedOn is null)
        {
            await ProblemWriter.WriteAsync(httpContext, _problem!);
            return;
        }
        // core-api's instance is its own path (/api/v1/...): the client asked the door, at another one.
        var problem = (JsonObject)_passedOn.DeepClone();
        problem["instance"] = httpContext.Request.PathBase.Add(httpContext.Request.Path).Value;
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ProblemJson;
        await httpContext.Response.WriteAsync(problem.ToJsonString(), httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        foreach (var status in new[] { StatusCodes.Status401Unauthorized, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable, StatusCodes.Status504GatewayTimeout })
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemJson]));
        }
    }
}
