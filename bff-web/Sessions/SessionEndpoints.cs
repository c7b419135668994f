using BffPlatform.Contracts.Bff;
using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>"My sessions": list my signed-in browsers, end one, or end all others (revoking their refresh tokens).</summary>
internal static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this IEndpointRouteBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Sessions");

        sessions.MapGet("/", ListAsync).WithName("ListMySessions").WithSummary("My active sessions, most recently used first.");

        sessions.MapDelete("/{id}", EndAsync)
            .WithName("EndMySession")
            .WithSummary("Ends one of my sessions and revokes its refresh token.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        sessions.MapPost("/end-others", EndOthersAsync)
            .WithName("EndMyOtherSessions")
            .WithSummary("Ends all my sessions except this one and revokes their refresh tokens.");

        return sessions;
    }

    private static async Task<Ok<List<BffSessionDto>>> ListAsync(HttpContext context, IUserSessionStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var current = CurrentSession.Get(context);
        var now = time.GetUtcNow().UtcDateTime;
        var mine = await store.ListBySubjectAsync(context.User.SubjectId()!, cancellationToken);
        return TypedResults.Ok(mine.Where(s => s.ExpiresAt > now).Select(s => new BffSessionDto(
            s.Id,
            Utc(s.CreatedAt),
            Utc(s.ExpiresAt),
            Utc(s.LastSeenAt),
            s.UserAgent,
            s.Key == current?.Key)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EndAsync(
        string id, HttpContext context, IUserSessionStore store, SessionRevoker revoker, CancellationToken cancellationToken)
    {
        var mine = await store.ListBySubjectAsync(context.User.SubjectId()!, cancellationToken);
        var session = mine.FirstOrDefault(s => s.Id == id);
        if (session is null)
        {
            // Another user's session id is as unknown as a made-up one.
            return Problem.NotFound("The session");
        }
        await revoker.EndAsync(session, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<EndOtherSessionsResult>> EndOthersAsync(
        HttpContext context, IUserSessionStore store, SessionRevoker revoker, CancellationToken cancellationToken)
    {
        var current = CurrentSession.Get(context);
        var others = (await store.ListBySubjectAsync(context.User.SubjectId()!, cancellationToken)).Where(s => s.Key != current?.Key).ToList();
        foreach (var session in others)
        {
            await revoker.EndAsync(session, cancellationToken);
        }
        return TypedResults.Ok(new EndOtherSessionsResult(others.Count));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
