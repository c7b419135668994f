namespace BffPlatform.PublicApi.Versions;

/// <summary>
/// The versions served side by side under <c>/api/&lt;name&gt;</c>, each with its own OpenAPI document.
/// The one breaking difference: v1 writes money as a decimal amount, v2 as integer minor units.
/// </summary>
public sealed record ApiVersion(string Name)
{
    public static readonly ApiVersion V1 = new("v1");
    public static readonly ApiVersion V2 = new("v2");
    public static readonly IReadOnlyList<ApiVersion> All = [V1, V2];

    public string Prefix => "/api/" + Name;

    /// <summary>The public path of a resource of this version, e.g. <c>/api/v2/orders/{id}</c>.</summary>
    public string Path(string relative) => Prefix + relative;
}
