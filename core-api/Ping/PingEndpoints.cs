using BffPlatform.ServiceDefaults.Auth;

namespace BffPlatform.CoreApi.Ping;

public static class PingEndpoints
{
    /// <summary>A trivial authenticated endpoint: what a valid token costs, for the benchmark and smoke tests.</summary>
    public static RouteGroupBuilder MapPing(this IEndpointRouteBuilder api)
    {
        var ping = api.MapGroup("/ping").WithTags("Diagnostics");

        ping.MapGet("/", (HttpContext http) => TypedResults.Ok(new PingResponse(
                http.User.IsServiceCaller() ? "service" : "user",
                http.User.IsServiceCaller() ? http.User.ClientId() : http.User.SubjectId())))
            .WithName("Ping")
            .WithSummary("Answers with who the caller is; requires any valid token.");

        return ping;
    }
}

public sealed record PingResponse(string CallerKind, string? Id);
