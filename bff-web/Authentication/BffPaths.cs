namespace BffPlatform.BffWeb.Authentication;

/// <summary>Which requests are API calls (Problem Details, never redirects) and which need <c>X-CSRF</c>.</summary>
internal static class BffPaths
{
    public static readonly PathString Api = "/api";
    public static readonly PathString Bff = "/bff";
    public static readonly PathString User = "/bff/user";
    public static readonly PathString OpenApiDocuments = "/api/openapi";

    /// <summary>Requests whose errors must be Problem Details rather than a redirect or the SPA.</summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments(Api) || request.Path.StartsWithSegments(Bff);

    /// <summary>Every <c>/api/*</c> call and <c>/bff/user</c> must prove it comes from our own script.</summary>
    public static bool RequiresCsrfHeader(HttpRequest request) =>
        (request.Path.StartsWithSegments(Api) && !request.Path.StartsWithSegments(OpenApiDocuments))
        || request.Path.StartsWithSegments(User);
}
