namespace BffPlatform.BffMobile.Hosting;

/// <summary>Which app versions bff-mobile still serves. Bound from <c>AppVersion</c>.</summary>
public sealed class AppVersionOptions
{
    public const string SectionName = "AppVersion";
    public const string Header = "X-App-Version";

    /// <summary>The oldest version served, <c>major.minor[.patch]</c>; older apps are told to update.</summary>
    public string Minimum { get; set; } = "1.0.0";

    /// <summary>When true, a request without <c>X-App-Version</c> is refused too (400 naming the header).</summary>
    public bool RequireHeader { get; set; }

    /// <summary>Where the app sends the user to update (the store page); said in the refusal when set.</summary>
    public string? UpdateUrl { get; set; }
}
