using System.Text;
using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace BffPlatform.ServiceDefaults.Auth;

/// <summary>
/// The bearer handler's 401 and 403 written as Problem Details by the handler's own events, so
/// every API answers them the same way whatever the request's <c>Accept</c> and whatever else its
/// pipeline does (the handler alone would leave an empty body to the status-code pages). The
/// <c>WWW-Authenticate</c> header is the one the handler writes (RFC 6750).
/// </summary>
internal static class ProblemChallenge
{
    public static void Apply(JwtBearerOptions bearer)
    {
        var events = bearer.Events ??= new JwtBearerEvents();
        var challenge = events.OnChallenge;
        events.OnChallenge = async context =>
        {
            await challenge(context);
            if (context.Handled || context.Response.HasStarted || !WritesProblems(context.HttpContext))
            {
                return;
            }
            context.HandleResponse();
            context.Response.Headers.Append(HeaderNames.WWWAuthenticate, WwwAuthenticate(context));
            await ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
                "A valid bearer token is required.",
                context.AuthenticateFailure is null ? "Send an access token in the Authorization header." : "The access token was refused.");
        };
        var forbidden = events.OnForbidden;
        events.OnForbidden = async context =>
        {
            await forbidden(context);
            if (context.Response.HasStarted || !WritesProblems(context.HttpContext))
            {
                return;
            }
            await ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
                "The token does not allow this.", "The caller lacks the role or scope this operation needs.");
        };
    }

    /// <summary>An app without AddServiceDefaults keeps the handler's own answer.</summary>
    private static bool WritesProblems(HttpContext context) => context.RequestServices.GetService<IProblemDetailsService>() is not null;

    /// <summary>What JwtBearerHandler writes: the scheme, then error, error_description and error_uri when known.</summary>
    private static string WwwAuthenticate(JwtBearerChallengeContext context)
    {
        var header = new StringBuilder(context.Options.Challenge);
        var parameters = new[] { ("error", context.Error), ("error_description", context.ErrorDescription), ("error_uri", context.ErrorUri) }
            .Where(p => !string.IsNullOrEmpty(p.Item2))
            .Select(p => $"{p.Item1}=\"{p.Item2!.Replace("\"", "'", StringComparison.Ordinal)}\"");
        var joined = string.Join(", ", parameters);
        if (joined.Length > 0)
        {
            header.Append(' ').Append(joined);
        }
        return header.ToString();
    }
}
