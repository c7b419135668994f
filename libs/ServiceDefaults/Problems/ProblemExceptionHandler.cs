using System.Data.Common;
using System.Text.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Data;
using BffPlatform.ServiceDefaults.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace BffPlatform.ServiceDefaults.Problems;

/// <summary>
/// Turns every exception into Problem Details. Bad requests name the offending field; a database
/// that is unavailable for now (locked, down, failing over: a transient <see cref="DbException"/>,
/// also when EF Core's retries gave up on it) is 503 with <c>Retry-After</c>, so clients retry (with
/// the same Idempotency-Key) instead of reporting a bug; anything unexpected is logged in full and
/// answered with a bare 500 (no stack, no SQL).
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public const string MalformedTitle = "The request is malformed.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is listening for an answer.
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
                Extensions = { ["code"] = ErrorCodes.PayloadTooLarge },
            },
            BadHttpRequestException bad => BadRequest(bad),
            InvalidOperationException when HasUnknownCharset(httpContext.Request) => new ProblemDetails
            {
                // The JSON reader throws InvalidOperationException for a charset it cannot decode
                // (utf-7 and the like): the client's mistake, not ours.
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "The request body's charset is not supported.",
                Detail = "Send JSON in UTF-8.",
                Extensions = { ["code"] = ErrorCodes.UnsupportedMediaType },
            },
            _ when TransientDatabaseError.Find(exception) is { } database => Unavailable(httpContext, database, logger),
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Extensions = { ["code"] = ErrorCodes.InternalError },
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static bool HasUnknownCharset(HttpRequest request)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || type.Charset is not { Length: > 0 } charset)
        {
            return false;
        }
        try
        {
            _ = System.Text.Encoding.GetEncoding(charset.ToString().Trim('"'));
            return false;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // NotSupportedException: utf-7 is known to .NET but disabled (SYSLIB0001).
            return true;
        }
    }

    private static ProblemDetails BadRequest(BadHttpRequestException bad)
    {
        var json = FindInner<JsonException>(bad);
        var problem = new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = MalformedTitle,
            Extensions = { ["code"] = ErrorCodes.MalformedRequest },
        };
        if (json is not null)
        {
            var errors = JsonErrors.Describe(json);
            problem.Detail = $"The JSON body is invalid at '{string.Join("', '", errors.Keys)}'.";
            problem.Extensions["errors"] = errors;
        }
        else
        {
            // Kestrel's and the binder's messages name the parameter and carry no internals.
            problem.Detail = bad.Message;
        }
        return problem;
    }

    private static ProblemDetails Unavailable(HttpContext httpContext, DbException database, ILogger logger)
    {
        LogDatabaseUnavailable(logger, database.Message, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.Headers.RetryAfter = "5";
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable for now.",
            Detail = "Retry in a few seconds; retry a write with the same Idempotency-Key, so it is applied at most once.",
            Extensions = { ["code"] = ErrorCodes.DatabaseUnavailable },
        };
    }

    private static T? FindInner<T>(Exception exception) where T : Exception
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on {Method} {Path}: {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string reason, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
