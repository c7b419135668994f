using System.Text;
using BffPlatform.Contracts.Common;

namespace BffPlatform.ServiceDefaults.Tests.Docs;

/// <summary>Renders docs/error-codes.md from <see cref="ErrorCatalogue"/>, its one source.</summary>
internal static class ErrorCodesDocument
{
    public const string RelativePath = "docs/error-codes.md";

    public static string Path => System.IO.Path.Combine(RepositoryRoot(), RelativePath);

    public static string Render()
    {
        var text = new StringBuilder()
            .Append("# Error codes\n\n")
            .Append("<!-- Generated from libs/Contracts/Common/ErrorCatalogue.cs by tests/ServiceDefaults.Tests ")
            .Append("(ErrorCodesDocumentTests); do not edit. Regenerate: ")
            .Append("UPDATE_DOCS=1 dotnet test tests/ServiceDefaults.Tests --filter ErrorCodesDocumentTests -->\n\n")
            .Append("Every error of every service is RFC 9457 Problem Details (`application/problem+json`) with ")
            .Append("`code` (one of these), `type` = `").Append(ErrorCodes.TypeBase).Append("<code with dashes>`, ")
            .Append("`status`, `title`, `instance`, `traceId`, often `detail`, and for `validation_failed` the fields ")
            .Append("under `errors`. Clients branch on `code`, never on `title` or `detail`. Codes are never renamed.\n\n")
            .Append("| code | status | meaning | what the client should do |\n")
            .Append("|---|---|---|---|\n");
        foreach (var entry in ErrorCatalogue.All.OrderBy(e => e.Status).ThenBy(e => e.Code, StringComparer.Ordinal))
        {
            text.Append($"| `{entry.Code}` | {entry.Status} | {entry.Meaning} | {entry.ClientAction} |\n");
        }
        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BffPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("BffPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
