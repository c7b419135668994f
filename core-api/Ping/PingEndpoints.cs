using BffPlatform.ServiceDefaults.Auth;

namespace BffPlatform.CoreApi.Ping;

public static class PingEndpoints
{
    /// <summary>A trivial authenticated endpoint: what a valid token costs, for the benchmark and smoke tests.</summary>
    public static IEndpointRouteBuilder MapPingEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/ping", (HttpContext http) => TypedResults.Ok(new PingResponse(
                http.User.IsServiceCaller() ? "service" : "user",
                http.User.IsServiceCaller() ? http.User.ClientId() : http.User.SubjectId())))
            .WithName("Ping")
            .WithSummary("Answers with who the caller is; requires any valid token.")
            .WithTags("Diagnostics");
        return api;
    }
}

public sealed record PingResponse(string CallerKind, string? Id);
