using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Problems;

namespace BffPlatform.Identity.Server;

internal static class HttpsOnly
{
    /// <summary>
    /// Outside Development identity answers only over HTTPS: OpenIddict refuses plain HTTP on its own
    /// endpoints, but the sign-in page would still take passwords in clear text. Health probes stay
    /// reachable over HTTP (orchestrators probe inside the cluster). Behind a TLS-terminating proxy,
    /// name the proxy in ForwardedHeaders:KnownProxies or KnownNetworks (the platform's forwarded-headers
    /// setup; ASPNETCORE_FORWARDEDHEADERS_ENABLED is overridden by it) so the request's scheme is the
    /// client's; OpenIddict needs the same to build its https issuer URLs.
    /// </summary>
    public static WebApplication UseHttpsOnlyOutsideDevelopment(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) return app;
        app.Use(async (context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health"))
            {
                await next(context);
                return;
            }
            await ProblemWriter.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.HttpsRequired, "HTTPS is required.",
                "This identity provider only accepts HTTPS requests outside Development.");
        });
        return app;
    }
}
