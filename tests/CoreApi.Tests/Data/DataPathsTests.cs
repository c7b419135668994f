using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Tests.Infrastructure;
using BffPlatform.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace BffPlatform.CoreApi.Tests.Data;

/// <summary>
/// One convention for data folders (issue 9): relative paths resolve against the repository
/// root whatever the working directory (`dotnet run` in core-api/ made core-api/data/core-api/core.db).
/// </summary>
public sealed class DataPathsTests
{
    private static readonly string Root = Path.GetFullPath(RepositoryPaths.Root);
    private static readonly HostingEnvironment CoreApi = new() { ContentRootPath = Path.Combine(Root, "core-api") };

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => v.Value)).Build();

    [Fact]
    public void The_repository_root_is_found_from_a_project_folder() =>
        Assert.Equal(Root.TrimEnd('/'), DataPaths.RepositoryRoot(CoreApi).TrimEnd('/'));

    [Fact]
    public void Core_api_keeps_its_database_in_the_repositorys_data_folder_by_default() =>
        Assert.Equal($"Data Source={Path.Combine(Root, "data", "core-api", "core.db")}", DataSetup.ConnectionString(Config(), CoreApi));

    [Fact]
    public void A_relative_sqlite_file_resolves_against_the_repository_root_not_the_working_directory()
    {
        var configured = Config(("ConnectionStrings:Core", "Data Source=data/core-api/core.db;Cache=Shared"));
        var resolved = DataSetup.ConnectionString(configured, CoreApi);
        Assert.Contains($"={Path.Combine(Root, "data", "core-api", "core.db")}", resolved, StringComparison.Ordinal);
        Assert.Contains("Cache=Shared", resolved, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Path.Combine("core-api", "data"), resolved, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_directory_moves_the_default_file_and_resolves_against_the_root()
    {
        Assert.Equal($"Data Source={Path.Combine(Root, "elsewhere", "core.db")}", DataSetup.ConnectionString(Config(("Data:Directory", "elsewhere")), CoreApi));
        Assert.Equal($"Data Source={Path.Combine("/var/lib/shop", "core.db")}", DataSetup.ConnectionString(Config(("Data:Directory", "/var/lib/shop")), CoreApi));
        Assert.Equal(Path.Combine(Root, "data", "identity"), DataPaths.ServiceDataDirectory(CoreApi, Config(), "identity"));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=file:shared?mode=memory&cache=shared")]
    [InlineData("Data Source=/abs/core.db")]
    public void In_memory_uri_and_absolute_sources_are_left_alone(string connectionString) =>
        Assert.Contains(connectionString["Data Source=".Length..], DataPaths.ResolveSqlite(CoreApi, connectionString), StringComparison.Ordinal);
}
