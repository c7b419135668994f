using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Mvc;

namespace BffPlatform.BffWeb.Authentication;

internal static class ProblemWriter
{
    /// <summary>Writes a Problem Details answer from outside an endpoint (events, middleware).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string title, string? detail = null)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Type = ErrorCodes.TypeUri(code),
                Extensions = { ["code"] = code },
            },
        });
    }
}
