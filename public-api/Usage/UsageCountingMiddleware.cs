using BffPlatform.PublicApi.Keys;

namespace BffPlatform.PublicApi.Usage;

/// <summary>
/// Counts every request a valid key made, and as rejected those the door refused it: over its plan's
/// limit (429) or outside its scopes (403). Runs after authentication, before authorization and the limiter.
/// </summary>
internal sealed class UsageCountingMiddleware(RequestDelegate next, UsageCounters counters)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            if (context.User.KeyId() is { } key)
            {
                counters.Count(key, context.Response.StatusCode is StatusCodes.Status429TooManyRequests or StatusCodes.Status403Forbidden);
            }
        }
    }
}
