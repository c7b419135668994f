using System.Net;
using System.Threading.RateLimiting;
using BffPlatform.Contracts.Common;
using BffPlatform.Identity.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BffPlatform.Identity.Account;

/// <summary>
/// Per-IP limit on sign-in posts: the per-account waits (<see cref="FailedSignIns"/>) slow guessing
/// at one account from many addresses; this caps what one address can spray across many accounts.
/// </summary>
internal static class SignInThrottling
{
    public const string PolicyName = "sign-in";

    public static void AddSignInThrottling(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PolicyName, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<IdentityServerOptions>>().Value.SignIn;
                var ip = context.Connection.RemoteIpAddress ?? IPAddress.None;
                return RateLimitPartition.GetFixedWindowLimiter(ip.ToString(), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.ThrottlePermitLimit,
                    Window = options.ThrottleWindow,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = RejectAsync;
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            await HtmlPage.Render("Too many attempts",
                "<p role=\"alert\" class=\"error\">Too many sign-in attempts from your network. Please wait a few minutes and try again.</p>",
                StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            return;
        }
        await ServiceDefaults.Problems.ProblemWriter.WriteAsync(http, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
            "Too many sign-in attempts.", "Wait before trying again.");
    }
}
