using BffPlatform.ScaledOut.Tests.Deploy;
using BffPlatform.Testing.Processes;

namespace BffPlatform.ScaledOut.Tests.Migrations;

/// <summary>
/// bff-web's and public-api's databases migrate as a step of their own, as core-api's and identity's do
/// (libs/ServiceDefaults/Data/DatabaseMigration.cs): the door run with a bare <c>--migrate</c> (the
/// migration Job's argument) migrates an empty database and exits 0, serving nothing; an instance with
/// <c>Database:MigrateOnStart=false</c> refuses a database that misses migrations, naming them, and
/// starts on one the step migrated. Real processes of the built doors, on SQLite, and once on PostgreSQL.
/// </summary>
public sealed class MigrationStepTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly string _root = Directory.CreateTempSubdirectory("migration-step-").FullName;

    public static TheoryData<string> Doors => new() { MigratingService.BffWeb.Name, MigratingService.PublicApi.Name };

    /// <summary>As every instance and the Job get it from platform-config: instances never migrate.</summary>
    private Dictionary<string, string> Settings(MigratingService service, string connectionString, bool postgres)
    {
        var settings = service.Settings(Directory.CreateDirectory(Path.Combine(_root, "data")).FullName, connectionString, postgres);
        settings["Database__MigrateOnStart"] = "false";
        return settings;
    }

    private Dictionary<string, string> SqliteSettings(MigratingService service) =>
        Settings(service, $"Data Source={Path.Combine(_root, service.Name + ".db")}", postgres: false);

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task The_migrate_switch_migrates_an_empty_database_exits_0_and_an_instance_that_does_not_migrate_starts_on_it(string door)
    {
        var service = MigratingService.Named(door);
        var settings = SqliteSettings(service);
        var migrations = service.Migrations(postgres: false);

        // A bare --migrate: ASP.NET Core's configuration would drop it, so a door that did not rewrite it would serve (and time out here).
        var (exitCode, output) = await OneShotProcess.RunAsync(service.Process, settings, Limit, "--migrate");

        Assert.True(exitCode == 0, $"{door} --migrate: exit {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}\n{output}");
        Assert.Contains($"The {door} database is migrated on Sqlite: {migrations.Count} migration(s) applied, the latest {migrations[^1]}", output, StringComparison.Ordinal);
        // Nothing pending: an instance that only checks starts (the check runs before Kestrel listens).
        await using var instance = ServiceProcess.Start(RepoPaths.Root, _root, door, service.Process.Folder, service.Process.Assembly, FreePort.Next(), settings);
        await instance.WaitUntilReadyAsync("/health/live", Limit);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task An_instance_that_does_not_migrate_refuses_an_unmigrated_database_naming_the_migrations_and_the_step(string door)
    {
        var service = MigratingService.Named(door);
        var migrations = service.Migrations(postgres: false);

        var (exitCode, output) = await OneShotProcess.RunAsync(service.Process, SqliteSettings(service), Limit);

        Assert.True(exitCode is { } code && code != 0, $"{door} started on an unmigrated database: exit {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}\n{output}");
        Assert.Contains($"The {door} database is missing {migrations.Count} migration(s) of this version ({string.Join(", ", migrations)})", output, StringComparison.Ordinal);
        Assert.Contains($"Database:MigrateOnStart is false: run {door} --migrate (the migration Job) first", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_postgres_public_api_refuses_until_the_step_ran_then_starts_and_the_next_step_has_nothing_to_do()
    {
        await using var postgres = await LocalPostgres.StartNewAsync();
        await postgres.CreateDatabaseAsync("webhooks");
        var service = MigratingService.PublicApi;
        var settings = Settings(service, postgres.ConnectionString("webhooks"), postgres: true);
        var migrations = service.Migrations(postgres: true);

        var early = await OneShotProcess.RunAsync(service.Process, settings, Limit);
        Assert.True(early.ExitCode is { } code && code != 0, early.Output);
        Assert.Contains($"The public-api database is missing {migrations.Count} migration(s) of this version ({string.Join(", ", migrations)})", early.Output, StringComparison.Ordinal);

        var job = await OneShotProcess.RunAsync(service.Process, settings, Limit, "--migrate");
        Assert.True(job.ExitCode == 0, job.Output);
        var applied = await postgres.PsqlAsync("webhooks", """SELECT string_agg("MigrationId", ',' ORDER BY "MigrationId") FROM "__EFMigrationsHistory" """);
        Assert.Equal(migrations, applied.Trim().Split(','));

        await using var instance = ServiceProcess.Start(RepoPaths.Root, _root, "public-api", service.Process.Folder, service.Process.Assembly, FreePort.Next(), settings);
        await instance.WaitUntilReadyAsync("/health/ready", Limit);

        // The next deployment with no new migration, while this version serves: nothing to do, still 0.
        var again = await OneShotProcess.RunAsync(service.Process, settings, Limit, "--migrate");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains($"{migrations.Count} migration(s) applied", again.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
