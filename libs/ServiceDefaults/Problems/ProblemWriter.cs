using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.ServiceDefaults.Problems;

/// <summary>Writes a Problem Details answer from outside an endpoint (middleware, events, proxies).</summary>
public static class ProblemWriter
{
    public static Task WriteAsync(HttpContext context, int status, string code, string title, string? detail = null)
        => WriteAsync(context, Problem.Create(status, code, title, detail));

    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? context.Response.StatusCode;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        // Never throws for an Accept without JSON: the platform's fallback writer answers any Accept.
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
