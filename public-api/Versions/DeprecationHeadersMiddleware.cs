using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BffPlatform.PublicApi.Versions;

/// <summary>
/// Every answer under <c>/api/v1</c>, errors included, says v1 is deprecated: <c>Deprecation</c>
/// (RFC 9745), <c>Sunset</c> (RFC 8594) and a <c>Link</c> to the migration note.
/// </summary>
internal sealed class DeprecationHeadersMiddleware(RequestDelegate next, IOptions<DeprecationOptions> options)
{
    public const string DeprecationHeader = "Deprecation";
    public const string SunsetHeader = "Sunset";
    private readonly string _deprecation = "@" + options.Value.DeprecatedAt!.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    private readonly string _sunset = options.Value.SunsetAt!.Value.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
    private readonly string _link = $"<{options.Value.MigrationGuide}>; rel=\"deprecation\"; type=\"text/html\"";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ApiVersion.V1.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers[DeprecationHeader] = _deprecation;
                headers[SunsetHeader] = _sunset;
                headers.Append(HeaderNames.Link, _link);
                return Task.CompletedTask;
            });
        }
        return next(context);
    }
}
