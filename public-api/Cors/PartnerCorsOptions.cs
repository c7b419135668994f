namespace BffPlatform.PublicApi.Cors;

/// <summary>
/// Browser origins allowed to call public-api (partners' web pages using a publishable key), per
/// environment's appsettings. Exact origins only: no wildcards, no suffix matching, never <c>null</c>.
/// Bound from <c>Cors</c>.
/// </summary>
public sealed class PartnerCorsOptions
{
    public const string SectionName = "Cors";

    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long a browser may cache a preflight's answer.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
