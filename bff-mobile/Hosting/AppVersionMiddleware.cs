using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffMobile.Hosting;

/// <summary>
/// An app older than <see cref="AppVersionOptions.Minimum"/> gets 400 <c>app_update_required</c>
/// (with <c>minimumVersion</c> and, when configured, <c>updateUrl</c>) on every <c>/mobile</c> call,
/// before any work is done. 400, not 426: RFC 9110 ties 426 to an <c>Upgrade</c> header naming a
/// protocol to switch to, and an app store is not a protocol.
/// </summary>
internal sealed class AppVersionMiddleware(RequestDelegate next, IOptions<AppVersionOptions> options)
{
    private readonly AppVersionOptions _options = options.Value;
    private readonly Version _minimum = AppVersions.TryParse(options.Value.Minimum, out var minimum) ? minimum : new Version(0, 0);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(MobileApi.Prefix))
        {
            await next(context);
            return;
        }
        var header = context.Request.Headers[AppVersionOptions.Header];
        if (header.Count == 0)
        {
            if (_options.RequireHeader)
            {
                await WriteAsync(context, Problem.Validation(AppVersionOptions.Header, "The app's version is required, e.g. 2.3.1."));
                return;
            }
            await next(context);
            return;
        }
        if (header.Count > 1 || !AppVersions.TryParse(header[0], out var version))
        {
            await WriteAsync(context, Problem.Validation(AppVersionOptions.Header, "A version such as 2.3 or 2.3.1 is expected."));
            return;
        }
        if (version < _minimum)
        {
            var problem = Problem.Create(StatusCodes.Status400BadRequest, ErrorCodes.AppUpdateRequired, "This version of the app is no longer supported.",
                $"Update the app to version {_options.Minimum} or later.");
            problem.Extensions["minimumVersion"] = _options.Minimum;
            if (!string.IsNullOrEmpty(_options.UpdateUrl)) problem.Extensions["updateUrl"] = _options.UpdateUrl;
            await ProblemWriter.WriteAsync(context, problem);
            return;
        }
        await next(context);
    }

    private static Task WriteAsync(HttpContext context, IResult result) => result.ExecuteAsync(context);
}
