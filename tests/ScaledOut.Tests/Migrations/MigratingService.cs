using BffPlatform.ScaledOut.Tests.Deploy;

namespace BffPlatform.ScaledOut.Tests.Migrations;

/// <summary>
/// A door with a database of its own, as the migration step sees it: its connection string's name, the
/// folder of its SQLite migrations (PostgreSQL's in <c>Postgres/</c> beneath), and what it needs to start
/// alone (no identity or core-api behind it: nothing here calls them).
/// </summary>
public sealed record MigratingService(string Name, string ConnectionStringName, string MigrationsFolder, IReadOnlyDictionary<string, string> Extra)
{
    public static MigratingService BffWeb { get; } = new("bff-web", "Sessions", "bff-web/Sessions/Migrations",
        new Dictionary<string, string> { ["Spa:RootPath"] = "/nonexistent-spa" });

    public static MigratingService PublicApi { get; } = new("public-api", "Webhooks", "public-api/Webhooks/Data/Migrations",
        new Dictionary<string, string> { ["Webhooks:IntakeEnabled"] = "false", ["Webhooks:DispatchEnabled"] = "false" });

    public static MigratingService Named(string name) => name == BffWeb.Name ? BffWeb : name == PublicApi.Name ? PublicApi : throw new ArgumentOutOfRangeException(name);

    public PlatformService Process => PlatformServices.Named(Name);

    /// <summary>The migration ids of a provider's set, read from the source tree (the tests do not load the service's assembly).</summary>
    public IReadOnlyList<string> Migrations(bool postgres)
    {
        var folder = Path.Combine(RepoPaths.Root, MigrationsFolder, postgres ? "Postgres" : "");
        return Directory.GetFiles(folder, "*.cs")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Where(f => !f.EndsWith(".Designer", StringComparison.Ordinal) && !f.EndsWith("ModelSnapshot", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>What an instance or the migration step of it gets: its database, its own data folder, the Development environment.</summary>
    public Dictionary<string, string> Settings(string dataFolder, string connectionString, bool postgres)
    {
        var settings = new Dictionary<string, string>(Extra)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = postgres ? "Postgres" : "Sqlite",
            [$"ConnectionStrings__{ConnectionStringName}"] = connectionString,
            ["Data__Directory"] = dataFolder,
        };
        return settings.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value);
    }
}
