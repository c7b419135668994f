namespace BffPlatform.ServiceDefaults.Auth;

/// <summary>
/// Registered by a provider adapter library (BffPlatform.ServiceDefaults.Entra) to say this service
/// can validate that provider's tokens; start-up is refused for a configured provider without one.
/// </summary>
public sealed record JwtBearerAdapter(TokenProvider Provider)
{
    /// <summary>The package and call that bring each adapter, for the start-up message.</summary>
    internal static string HowToAdd(TokenProvider provider) => provider switch
    {
        TokenProvider.Entra => "reference BffPlatform.ServiceDefaults.Entra (libs/ServiceDefaults.Entra) and call builder.AddEntraJwtBearerAdapter()",
        _ => "no adapter is needed",
    };
}
