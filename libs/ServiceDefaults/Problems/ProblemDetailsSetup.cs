using System.Diagnostics;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BffPlatform.ServiceDefaults.Problems;

internal static class ProblemDetailsSetup
{
    public static void AddPlatformProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            var status = problem.Status ?? ctx.HttpContext.Response.StatusCode;
            if (!problem.Extensions.TryGetValue("code", out var code) || code is not string)
            {
                code = ErrorCodeForStatus(status);
                problem.Extensions["code"] = code;
            }
            // The framework's defaults point at RFC sections; ours name the stable code.
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = ErrorCodes.TypeUri((string)code!);
            }
            if (status == StatusCodes.Status400BadRequest && problem.Detail is null
                && UnreadableParameter.Describe(ctx.HttpContext) is { } unreadable)
            {
                // Worded as the exception handler words the same failure from the runtime binder.
                problem.Title = ProblemExceptionHandler.MalformedTitle;
                problem.Detail = unreadable;
            }
            problem.Instance ??= ctx.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier;
        });
        // After ASP.NET Core's own writer, so it only answers what that one declines.
        builder.Services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Malformed bodies and parameters throw BadHttpRequestException so the handler can
        // name the field; otherwise minimal APIs answer a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    public static string ErrorCodeForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.MalformedRequest,
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status412PreconditionFailed => ErrorCodes.PreconditionFailed,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.PayloadTooLarge,
        StatusCodes.Status414UriTooLong => ErrorCodes.UriTooLong,
        StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
        StatusCodes.Status428PreconditionRequired => ErrorCodes.PreconditionRequired,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
        StatusCodes.Status502BadGateway => ErrorCodes.UpstreamInvalidResponse,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.UpstreamUnavailable,
        StatusCodes.Status504GatewayTimeout => ErrorCodes.UpstreamTimeout,
        _ when status >= 500 => ErrorCodes.InternalError,
        _ => ErrorCodes.MalformedRequest,
    };
}
