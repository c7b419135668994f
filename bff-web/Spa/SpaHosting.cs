using BffPlatform.BffWeb.Authentication;
using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Problems;
using BffPlatform.ServiceDefaults.Security;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BffPlatform.BffWeb.Spa;

/// <summary>
/// Serves the built SPA on bff-web's origin: hashed assets cached for a year, index.html never
/// cached, client routes falling back to index.html; unknown /api and /bff paths stay 404
/// Problem Details. In Development with <c>Spa:DevServerUrl</c>, proxies to Vite instead.
/// </summary>
public static partial class SpaHosting
{
    private const string ImmutableCache = "public, max-age=31536000, immutable";
    private const string NoCache = "no-cache";

    public static WebApplicationBuilder AddSpaHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SpaOptions>().Bind(builder.Configuration.GetSection(SpaOptions.SectionName))
            .Validate(o => string.IsNullOrEmpty(o.DevServerUrl) || builder.Environment.IsDevelopment(),
                $"{SpaOptions.SectionName}:DevServerUrl may be set only in Development.")
            .Validate(o => string.IsNullOrEmpty(o.DevServerUrl) || Uri.TryCreate(o.DevServerUrl, UriKind.Absolute, out _),
                $"{SpaOptions.SectionName}:DevServerUrl must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.Configure<RouteOptions>(o => o.SetParameterPolicy<SpaPageConstraint>(SpaPageConstraint.Name));
        // The platform's headers policy (ServiceDefaults) with the SPA's strict page policy.
        builder.Services.AddOptions<SecurityHeadersOptions>()
            .Configure<IOptions<OidcClientOptions>, IOptions<SpaOptions>>((headers, oidc, spa) =>
            {
                var identity = new Uri(oidc.Value.Authority).GetLeftPart(UriPartial.Authority);
                var strict = ContentSecurityPolicies.SinglePageApp(identity);
                headers.PagePolicy = string.IsNullOrEmpty(spa.Value.DevServerUrl)
                    ? _ => strict
                    : request => ContentSecurityPolicies.ViteDevServer(identity, request);
                headers.PageHeaders["Cross-Origin-Opener-Policy"] = "same-origin";
            });
        builder.Services.AddSingleton(sp => SpaBuild.Find(
            sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<IOptions<SpaOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        return builder;
    }

    /// <summary>Static files of the built SPA (not in dev-server mode), precompressed where the build made twins.</summary>
    public static WebApplication UseSpaStaticFiles(this WebApplication app)
    {
        if (app.Services.GetRequiredService<SpaBuild>().Files is not { } files)
        {
            return app;
        }
        app.UseMiddleware<PrecompressedFiles>(files);
        app.UseStaticFiles(StaticFiles(files));
        return app;
    }

    /// <summary>
    /// The SPA (or Vite) for every path but /api and /bff. Unknown /api and /bff paths match nothing
    /// and get 404 Problem Details from the status-code pages; known ones called with the wrong
    /// method or body type get 405 or 415. Call it last: it answers what no endpoint matched.
    /// </summary>
    public static WebApplication MapSpa(this WebApplication app)
    {
        var spa = app.Services.GetRequiredService<IOptions<SpaOptions>>().Value;
        if (!string.IsNullOrEmpty(spa.DevServerUrl))
        {
            // Everything else (pages, /src, /@vite, the HMR websocket) comes from Vite.
            app.MapForwarder($"/{{**path:{SpaPageConstraint.Name}}}", spa.DevServerUrl).WithOrder(int.MaxValue);
            LogDevServer(app.Logger, spa.DevServerUrl);
            return app;
        }
        var serveIndex = app.Services.GetRequiredService<SpaBuild>().Files is { } files ? IndexPipeline(app, files) : null;
        // Not a fallback endpoint: routing filters candidates by method before it checks route
        // constraints, so any catch-all endpoint hides a known route's 405 and 415. Answering only
        // where no endpoint matched (the 405 and 415 endpoints included) keeps them.
        app.Use((context, next) => context.GetEndpoint() is null && !BffPaths.IsApi(context.Request) && !LooksLikeFile(context.Request.Path)
            ? ServeIndexAsync(context, serveIndex)
            : next(context));
        return app;
    }

    /// <summary>A path ending in a file name (a missing asset) is a 404, never the SPA's page.</summary>
    private static bool LooksLikeFile(PathString path)
    {
        var value = path.Value ?? "";
        var last = value[(value.LastIndexOf('/') + 1)..];
        return last.Contains('.', StringComparison.Ordinal);
    }

    private static StaticFileOptions StaticFiles(IFileProvider files) => new()
    {
        FileProvider = files,
        ContentTypeProvider = PrecompressedFiles.ContentTypes,
        OnPrepareResponse = file =>
        {
            // Vite names everything under /assets by content hash: safe to keep forever.
            file.Context.Response.Headers.CacheControl = file.Context.Request.Path.StartsWithSegments("/assets") ? ImmutableCache : NoCache;
            PrecompressedFiles.ApplyContentEncoding(file.Context);
        },
    };

    /// <summary>index.html through the same precompressed static-file handling as the assets (ETag, 304, br/gzip).</summary>
    private static RequestDelegate IndexPipeline(WebApplication app, IFileProvider files)
    {
        var pipeline = ((IEndpointRouteBuilder)app).CreateApplicationBuilder();
        pipeline.UseMiddleware<PrecompressedFiles>(files);
        pipeline.UseStaticFiles(StaticFiles(files));
        return pipeline.Build();
    }

    private static async Task ServeIndexAsync(HttpContext context, RequestDelegate? serveIndex)
    {
        var request = context.Request;
        // The shop's address is the page whatever Accept says (curl sends */*); deeper client
        // routes need a browser's text/html, so a missing script is a 404, not HTML.
        var isPage = request.Path == "/"
            || request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !isPage || BffPaths.IsApi(request))
        {
            await ProblemWriter.WriteAsync(context, StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Not found.");
            return;
        }
        if (serveIndex is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.CacheControl = NoCache;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>SPA not built</title></head><body>" +
                "<main><h1>The SPA has not been built</h1><p>Build it with <code>cd clients/react-web &amp;&amp; npm ci &amp;&amp; npm run build</code> " +
                "(<code>./run.sh</code> does this) and restart bff-web, or set <code>Spa:RootPath</code>.</p></main></body></html>");
            return;
        }
        context.SetEndpoint(null);
        request.Path = "/" + SpaBuild.IndexFile;
        await serveIndex(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SPA is not built: {Root}/index.html is missing. Run 'npm ci && npm run build' in clients/react-web (./run.sh does this) or set Spa:RootPath, then restart. Pages answer 503 until then.")]
    internal static partial void LogSpaMissing(ILogger logger, string root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Development: pages and assets are proxied to Vite at {DevServerUrl}")]
    private static partial void LogDevServer(ILogger logger, string devServerUrl);
}
