using System.Globalization;
using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace BffPlatform.BffHosting.RateLimiting;

/// <summary>
/// Limits endpoints that name a policy (<see cref="DoorRateLimitMetadata"/>): every answer carries
/// <c>RateLimit-Policy</c> and <c>RateLimit</c> (draft-ietf-httpapi-ratelimit-headers); a refused
/// request is 429 Problem Details <c>rate_limited</c> with <c>Retry-After</c>.
/// </summary>
internal sealed class DoorRateLimitingMiddleware(RequestDelegate next, DoorRateLimiter limiter)
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string RemainingHeader = "RateLimit";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!limiter.Enabled || context.GetEndpoint()?.Metadata.GetMetadata<DoorRateLimitMetadata>() is not { } metadata)
        {
            await next(context);
            return;
        }
        var decision = limiter.Acquire(metadata, context);
        context.Response.Headers[PolicyHeader] = decision.Policy;
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
}

/// <summary>
/// Endpoint metadata: the rate-limit policy (a key of <c>RateLimiting:Policies</c>) this endpoint uses,
/// or the one <see cref="PolicyOf"/> picks for the request (a partner's plan), <see cref="Policy"/> when it picks none.
/// </summary>
public sealed record DoorRateLimitMetadata(string Policy, Func<HttpContext, string?>? PolicyOf = null);
