namespace BffPlatform.PublicApi.Tests.Webhooks;

/// <summary>
/// Settings that give an in-memory public-api its own webhook database and key ring and keep the
/// intake and dispatcher still. Every WebApplicationFactory of public-api needs them: the default
/// database (data/public-api/webhooks.db) is owned by one process at a time, so hosts running side
/// by side in one test run would wait on each other.
/// </summary>
public static class WebhookTestSettings
{
    public static IReadOnlyDictionary<string, string?> Isolated()
    {
        var directory = Directory.CreateTempSubdirectory("public-api-webhooks-").FullName;
        return new Dictionary<string, string?>
        {
            ["ConnectionStrings:Webhooks"] = $"Data Source={Path.Combine(directory, "webhooks.db")}",
            ["DataProtection:KeysPath"] = Path.Combine(directory, "keys"),
            ["Webhooks:IntakeEnabled"] = "false",
            ["Webhooks:DispatchEnabled"] = "false",
        };
    }
}
