using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BffPlatform.ServiceDefaults;

/// <summary>
/// A URL longer than <see cref="RequestLimitsExtensions.MaxRequestTargetBytes"/> is answered 414 Problem
/// Details here. Kestrel's own limit (<c>MaxRequestLineSize</c>) answers an empty 414 before any
/// middleware runs, so it is set to twice this one: only a request line past that still gets
/// Kestrel's bare answer, which no ASP.NET Core code can change.
/// </summary>
internal sealed class RequestTargetLimit(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var length = string.IsNullOrEmpty(target)
            ? (context.Request.PathBase.Value?.Length ?? 0) + (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0)
            : target.Length;
        return length > RequestLimitsExtensions.MaxRequestTargetBytes
            ? ProblemWriter.WriteAsync(context, StatusCodes.Status414UriTooLong, ErrorCodes.UriTooLong, "The URL is too long.",
                $"The path and query may be at most {RequestLimitsExtensions.MaxRequestTargetBytes} characters.")
            : next(context);
    }
}
