using BffPlatform.PublicApi.Keys;

namespace BffPlatform.PublicApi.Usage;

/// <summary>
/// Counts every request a valid key made, and as rejected those the door refused it: over its plan's
/// limit (429) or outside its scopes (403). Runs after authentication, before authorization and the limiter.
/// The count is taken as the answer starts (its status is known then), so scaled out it is on its way
/// to Redis before the partner has the answer; a request whose answer never starts is counted at the end.
/// </summary>
internal sealed class UsageCountingMiddleware(RequestDelegate next, UsageCounters counters)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.KeyId() is not { } key)
        {
            await next(context);
            return;
        }
        var counted = 0;
        void CountOnce()
        {
            if (Interlocked.Exchange(ref counted, 1) == 0)
            {
                counters.Count(key, context.Response.StatusCode is StatusCodes.Status429TooManyRequests or StatusCodes.Status403Forbidden);
            }
        }
        context.Response.OnStarting(() =>
        {
            CountOnce();
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            if (!context.Response.HasStarted) CountOnce();
        }
    }
}
