namespace BffPlatform.BffWeb.Upstream;

/// <summary>Which of core-api's paths the SPA calls as-is. Bound from <c>CoreApi</c>, beside the library's <c>CoreApiOptions</c>.</summary>
public sealed class PassThroughOptions
{
    public const string SectionName = "CoreApi";

    /// <summary>Path prefixes under core-api's <c>/api/v1/</c> that <c>/api/core/{prefix}</c> forwards as-is.</summary>
    /// <remarks>Empty means <c>products</c> (the configuration binder appends to array defaults, so the default lives apart).</remarks>
    public string[] PassThroughPrefixes { get; set; } = [];

    public IReadOnlyList<string> EffectivePassThroughPrefixes =>
        PassThroughPrefixes.Length > 0 ? PassThroughPrefixes.Distinct(StringComparer.OrdinalIgnoreCase).ToArray() : ["products"];
}
