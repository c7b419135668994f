using BffPlatform.ServiceDefaults.Problems;
using BffPlatform.Contracts.Common;

namespace BffPlatform.BffWeb.Authentication;

/// <summary>
/// Anti-forgery the Duende.BFF way: API calls must carry <c>X-CSRF: 1</c>. A cross-site form
/// cannot set a custom header, and a cross-site fetch with one needs a CORS preflight that
/// bff-web never grants — so the header proves the call comes from our own origin.
/// </summary>
internal sealed class CsrfHeaderMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-CSRF";

    public Task InvokeAsync(HttpContext context) =>
        !BffPaths.RequiresCsrfHeader(context.Request) || context.Request.Headers[HeaderName] == "1"
            ? next(context)
            : ProblemWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.CsrfHeaderMissing,
                "The X-CSRF header is missing.", "API calls must send the header 'X-CSRF: 1'.");
}
