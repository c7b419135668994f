namespace BffPlatform.ServiceDefaults.Data;

/// <summary>
/// Which database a service's EF Core data lives in: <c>Database:Provider</c>, the same key in every
/// service with a database (core-api, identity, public-api's webhooks, bff-web's sessions).
/// </summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file under the service's data folder.</summary>
    Sqlite,

    /// <summary>The scaled-out mode: a PostgreSQL server shared by every instance (Npgsql).</summary>
    Postgres,
}
