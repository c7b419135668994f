using BffPlatform.BffWeb.Authentication;

namespace BffPlatform.BffWeb.Spa;

/// <summary>
/// Keeps Vite's catch-all forwarder (Development with <c>Spa:DevServerUrl</c> only) off <c>/api</c>
/// and <c>/bff</c>, so an unknown API path is 404 Problem Details rather than Vite's page. (Routing
/// checks methods before constraints, so there a known route's wrong method is still 404, not 405;
/// the built SPA is served without a catch-all endpoint and keeps 405 and 415.)
/// </summary>
internal sealed class SpaPageConstraint : IRouteConstraint
{
    public const string Name = "spapage";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        var path = new PathString("/" + (values.TryGetValue(routeKey, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : ""));
        return !path.StartsWithSegments(BffPaths.Api, StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments(BffPaths.Bff, StringComparison.OrdinalIgnoreCase);
    }
}
