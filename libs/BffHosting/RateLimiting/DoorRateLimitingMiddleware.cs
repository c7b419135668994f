using System.Globalization;
using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace BffPlatform.BffHosting.RateLimiting;

/// <summary>
/// Limits endpoints that name a policy (<see cref="DoorRateLimitMetadata"/>): every answer carries
/// <c>RateLimit-Policy</c> and <c>RateLimit</c> (draft-ietf-httpapi-ratelimit-headers); a refused
/// request is 429 Problem Details <c>rate_limited</c> with <c>Retry-After</c>. While Redis cannot be
/// asked, <see cref="RateLimitingOptions.RedisFailure"/> decides: admitted without a <c>RateLimit</c> header
/// (open), or 503 Problem Details <c>rate_limit_unavailable</c> (closed).
/// </summary>
internal sealed partial class DoorRateLimitingMiddleware(RequestDelegate next, DoorRateLimiter limiter, ILogger<DoorRateLimitingMiddleware> logger)
{
    // How soon a client refused while the limiter's store is down should try again.
    private const int UnavailableRetryAfterSeconds = 5;
    // While Redis is down every limited request would log: once per this many milliseconds is enough.
    private const long LogEveryMilliseconds = 10_000;
    private long _lastLogged = -LogEveryMilliseconds;

    public const string PolicyHeader = "RateLimit-Policy";
    public const string RemainingHeader = "RateLimit";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!limiter.Enabled || context.GetEndpoint()?.Metadata.GetMetadata<DoorRateLimitMetadata>() is not { } metadata)
        {
            await next(context);
            return;
        }
        var decision = await limiter.AcquireAsync(metadata, context);
        context.Response.Headers[PolicyHeader] = decision.Policy;
        if (decision.Unavailable)
        {
            await UnavailableAsync(context);
            return;
        }
        context.Response.Headers[RemainingHeader] = decision.Remaining;
        if (decision.Admitted)
        {
            await next(context);
            return;
        }
        RateLimitMetrics.Rejected(metadata, context);
        context.Response.Headers[HeaderNames.RetryAfter] = decision.RetryAfterSeconds!.Value.ToString(CultureInfo.InvariantCulture);
        await ProblemWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
            "Too many requests.", $"Try again in {decision.RetryAfterSeconds} s.");
    }

    private async Task UnavailableAsync(HttpContext context)
    {
        if (limiter.RedisFailure == RedisFailureMode.Open)
        {
            if (ShouldLog()) LogFailedOpen(logger);
            await next(context);
            return;
        }
        if (ShouldLog()) LogFailedClosed(logger);
        context.Response.Headers[HeaderNames.RetryAfter] = UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ProblemWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.RateLimitUnavailable,
            "The rate limiter cannot be reached.", $"Try again in {UnavailableRetryAfterSeconds} s.");
    }

    private bool ShouldLog()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastLogged);
        return now - last >= LogEveryMilliseconds && Interlocked.CompareExchange(ref _lastLogged, now, last) == last;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cannot be asked for rate limits; requests admitted unlimited (RateLimiting:RedisFailure=Open)")]
    private static partial void LogFailedOpen(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cannot be asked for rate limits; requests refused (RateLimiting:RedisFailure=Closed)")]
    private static partial void LogFailedClosed(ILogger logger);
}

/// <summary>
/// Endpoint metadata: the rate-limit policy (a key of <c>RateLimiting:Policies</c>) this endpoint uses,
/// or the one <see cref="PolicyOf"/> picks for the request (a partner's plan), <see cref="Policy"/> when it picks none.
/// </summary>
public sealed record DoorRateLimitMetadata(string Policy, Func<HttpContext, string?>? PolicyOf = null);
