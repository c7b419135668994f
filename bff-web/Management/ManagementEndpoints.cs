using BffPlatform.BffWeb.Authentication;
using BffPlatform.BffWeb.Sessions;
using BffPlatform.Contracts.Bff;
using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Http;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BffPlatform.BffWeb.Management;

/// <summary>Duende.BFF's management endpoints: login, logout, user, back-channel logout.</summary>
internal static partial class ManagementEndpoints
{
    public static RouteGroupBuilder MapManagementEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var bff = endpoints.MapGroup("/bff").WithTags("Session");

        bff.MapGet("/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Starts sign-in at the identity provider, then returns to a local URL.")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        bff.MapGet("/logout", LogoutAsync)
            .WithName("Logout")
            .WithSummary("Ends the session (sid required), revokes its refresh token and signs out at the identity provider.")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        bff.MapGet("/user", User)
            .WithName("GetUser")
            .WithSummary("The signed-in user's claims, logout URL and seconds until the session expires.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        bff.MapPost("/backchannel", BackchannelAsync)
            .WithName("BackchannelLogout")
            .WithSummary("OpenID Connect back-channel logout: identity ends sessions by sub or sid.")
            .DisableAntiforgery()
            .ExcludeFromDescription();

        return bff;
    }

    private static async Task<Results<ChallengeHttpResult, ProblemHttpResult>> LoginAsync(
        string? returnUrl, IOidcTokenClient oidc, CancellationToken cancellationToken)
    {
        // The platform's local-URL rule, encoded: the OIDC handler later puts it into a Location header,
        // which refuses non-ASCII (a 500 after the session was stored).
        var local = LocalUrl.Normalize(string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl);
        if (local is null)
        {
            return Problem.Of(StatusCodes.Status400BadRequest, ErrorCodes.InvalidReturnUrl, "The return URL is not allowed.",
                "returnUrl must be a local path such as /orders.");
        }
        try
        {
            // The challenge needs identity's discovery document; without it, say so instead of a 500.
            await oidc.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return Problem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "The identity provider is unavailable.");
        }
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = local }, [AuthSchemes.Oidc]);
    }

    private static async Task<Results<SignOutHttpResult, RedirectHttpResult, ProblemHttpResult>> LogoutAsync(
        string? sid, HttpContext context, SessionRevoker revoker, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sid))
        {
            return Problem.Of(StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest, "The sid parameter is required.",
                "Use the bff:logout_url from /bff/user.");
        }
        var authentication = await context.AuthenticateAsync(AuthSchemes.Cookie);
        var session = CurrentSession.Get(context);
        if (!authentication.Succeeded || session is null)
        {
            // Nothing to end here; send the browser home.
            return TypedResults.Redirect("/");
        }
        if (!string.Equals(sid, LogoutSid(session), StringComparison.Ordinal))
        {
            return Problem.Of(StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest, "The sid does not match this session.",
                "Use the bff:logout_url from /bff/user.");
        }
        await revoker.RevokeRefreshTokenAsync(session, cancellationToken);
        // The cookie handler deletes the stored session; the OIDC handler sends the browser to
        // identity's end-session endpoint with the id_token_hint, which returns to "/".
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [AuthSchemes.Cookie, AuthSchemes.Oidc]);
    }

    private static Ok<List<BffClaimDto>> User(HttpContext context, TimeProvider time)
    {
        var claims = context.User.Claims.Where(c => BffClaimTypes.Shown.Contains(c.Type)).Select(c => new BffClaimDto(c.Type, c.Value)).ToList();
        if (CurrentSession.Get(context) is { } session)
        {
            claims.Add(new BffClaimDto(BffClaimTypes.LogoutUrl, "/bff/logout?sid=" + Uri.EscapeDataString(LogoutSid(session))));
            var expiresIn = (long)Math.Max(0, (new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero) - time.GetUtcNow()).TotalSeconds);
            claims.Add(new BffClaimDto(BffClaimTypes.SessionExpiresIn, expiresIn));
        }
        return TypedResults.Ok(claims);
    }

    /// <summary>The value /bff/logout expects: identity's sid, or our own session id when identity sent none.</summary>
    internal static string LogoutSid(UserSession session) => session.SessionId ?? session.Id;

    private static async Task<Results<Ok, ProblemHttpResult>> BackchannelAsync(
        HttpContext context, LogoutTokenValidator validator, IUserSessionStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("BffPlatform.BffWeb.Management.Backchannel");
        if (!context.Request.HasFormContentType)
        {
            return BadLogout(logger, "The request is not a form post.");
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var result = await validator.ValidateAsync(form["logout_token"], cancellationToken);
        if (!result.IsValid)
        {
            return BadLogout(logger, result.Error!);
        }
        var ended = await store.DeleteBySubjectOrSessionIdAsync(result.Request!.Subject, result.Request.SessionId, cancellationToken);
        LogBackchannelLogout(logger, result.Request.Subject, result.Request.SessionId, ended.Count);
        // Spec: no caching of the answer.
        context.Response.Headers.CacheControl = "no-cache, no-store";
        return TypedResults.Ok();
    }

    private static ProblemHttpResult BadLogout(ILogger logger, string error)
    {
        LogBackchannelRefused(logger, error);
        // The spec's error answer: 400 with an OAuth-style error, as Problem Details like every
        // error (TypedResults.BadRequest would label the same body plain application/json).
        var problem = Problem.Create(StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest, "invalid_request", error);
        problem.Extensions["error"] = "invalid_request";
        return TypedResults.Problem(problem);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Back-channel logout for sub {Subject} sid {SessionId}: {Count} sessions ended")]
    private static partial void LogBackchannelLogout(ILogger logger, string? subject, string? sessionId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Back-channel logout refused: {Error}")]
    private static partial void LogBackchannelRefused(ILogger logger, string error);
}
