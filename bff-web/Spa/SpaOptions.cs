namespace BffPlatform.BffWeb.Spa;

/// <summary>Where the SPA comes from. Bound from <c>Spa</c>.</summary>
public sealed class SpaOptions
{
    public const string SectionName = "Spa";

    /// <summary>The built SPA (Vite's <c>dist</c>), relative to the repository root unless absolute.</summary>
    public string RootPath { get; set; } = "clients/react-web/dist";

    /// <summary>
    /// Development only: Vite's dev server (e.g. <c>http://127.0.0.1:5173</c>). When set, page and
    /// asset requests (and the HMR websocket) are proxied to it instead of serving <see cref="RootPath"/>.
    /// </summary>
    public string? DevServerUrl { get; set; }
}
