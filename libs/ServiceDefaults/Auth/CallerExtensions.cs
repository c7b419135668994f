using System.Security.Claims;

namespace BffPlatform.ServiceDefaults.Auth;

/// <summary>Reading who is calling from a validated access token.</summary>
public static class CallerExtensions
{
    /// <summary>
    /// A service token (client credentials) has no user: RFC 9068 sets its <c>sub</c> to the
    /// client id, and Entra marks it <c>idtyp=app</c>. Anything else with a subject is a user.
    /// </summary>
    public static bool IsServiceCaller(this ClaimsPrincipal principal)
    {
        var sub = principal.FindFirstValue("sub");
        if (string.IsNullOrEmpty(sub) || principal.FindFirstValue("idtyp") == "app")
        {
            return true;
        }
        var client = principal.FindFirstValue("client_id") ?? principal.FindFirstValue("azp");
        return client is not null && string.Equals(sub, client, StringComparison.Ordinal);
    }

    public static bool IsUserCaller(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && !principal.IsServiceCaller();

    public static string? SubjectId(this ClaimsPrincipal principal) => principal.FindFirstValue("sub");

    /// <summary>The client application behind the token (<c>client_id</c>, or Entra's <c>azp</c>).</summary>
    public static string? ClientId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue("client_id") ?? principal.FindFirstValue("azp");

    /// <summary>Scopes from <c>scope</c> (space-separated, possibly repeated) or Entra's <c>scp</c>.</summary>
    public static bool HasScope(this ClaimsPrincipal principal, string scope) =>
        principal.FindAll("scope").Concat(principal.FindAll("scp"))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
}
