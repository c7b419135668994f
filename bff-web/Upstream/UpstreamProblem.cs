using System.Reflection;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace BffPlatform.BffWeb.Upstream;

/// <summary>
/// A failed call to core-api as the SPA sees it: core-api's own Problem Details passed through
/// (status, code, title, detail, errors), or bff-web's 503/504 when core-api cannot answer.
/// </summary>
public sealed class UpstreamProblem : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private const string ProblemJson = "application/problem+json";
    private readonly string? _body;
    private readonly ProblemDetails? _problem;

    private UpstreamProblem(int status, string? body, ProblemDetails? problem)
    {
        StatusCode = status;
        _body = body;
        _problem = problem;
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>The code carried by this answer when bff-web made it (null when passed through).</summary>
    public string? Code => _problem?.Extensions.TryGetValue("code", out var code) == true ? code as string : null;

    /// <summary>core-api's Problem Details body, unchanged.</summary>
    public static UpstreamProblem PassThrough(int status, string body) => new(status, body, null);

    public static UpstreamProblem Of(int status, string code, string title, string? detail = null) =>
        new(status, null, Problem.Create(status, code, title, detail));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        if (_body is not null)
        {
            httpContext.Response.ContentType = ProblemJson;
            await httpContext.Response.WriteAsync(_body, httpContext.RequestAborted);
            return;
        }
        await ProblemWriter.WriteAsync(httpContext, _problem!);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        foreach (var status in new[] { StatusCodes.Status401Unauthorized, StatusCodes.Status503ServiceUnavailable, StatusCodes.Status504GatewayTimeout })
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemJson]));
        }
    }
}
