namespace BffPlatform.BffWeb.Tests.Infrastructure;

internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BffPlatform.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("BffPlatform.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string OpenApiDocument => Path.Combine(Root, "libs", "Contracts", "openapi", "bff-web.json");
}
