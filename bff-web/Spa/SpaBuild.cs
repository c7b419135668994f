using BffPlatform.ServiceDefaults.Hosting;
using Microsoft.Extensions.FileProviders;

namespace BffPlatform.BffWeb.Spa;

/// <summary>The built SPA found at start-up: its files, or none (dev-server mode, or not built).</summary>
internal sealed class SpaBuild(IFileProvider? files)
{
    public const string IndexFile = "index.html";

    /// <summary>Null when the SPA comes from Vite's dev server or <c>index.html</c> was missing at start-up.</summary>
    public IFileProvider? Files { get; } = files;

    public static SpaBuild Find(IHostEnvironment environment, SpaOptions spa, ILoggerFactory loggers)
    {
        if (!string.IsNullOrEmpty(spa.DevServerUrl))
        {
            return new SpaBuild(null);
        }
        var root = DataPaths.Resolve(environment, spa.RootPath);
        if (!File.Exists(Path.Combine(root, IndexFile)))
        {
            SpaHosting.LogSpaMissing(loggers.CreateLogger(typeof(SpaHosting)), root);
            return new SpaBuild(null);
        }
        return new SpaBuild(new PhysicalFileProvider(root));
    }
}
