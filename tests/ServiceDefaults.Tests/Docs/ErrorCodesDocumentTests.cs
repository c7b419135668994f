using BffPlatform.Contracts.Common;

namespace BffPlatform.ServiceDefaults.Tests.Docs;

/// <summary>docs/error-codes.md is generated from the catalogue: it must match it. Regenerate with UPDATE_DOCS=1.</summary>
public sealed class ErrorCodesDocumentTests
{
    [Fact]
    public async Task Checked_in_document_matches_the_catalogue()
    {
        var rendered = ErrorCodesDocument.Render();

        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            // Under CI a rewrite would compare the file with itself and always pass.
            Assert.False(Environment.GetEnvironmentVariable("CI")?.ToLowerInvariant() is "true" or "1",
                "UPDATE_DOCS=1 is refused under CI: CI checks the checked-in document, it never rewrites it.");
            Directory.CreateDirectory(Path.GetDirectoryName(ErrorCodesDocument.Path)!);
            await File.WriteAllTextAsync(ErrorCodesDocument.Path, rendered);
        }

        Assert.True(File.Exists(ErrorCodesDocument.Path), $"{ErrorCodesDocument.RelativePath} is missing; run the tests with UPDATE_DOCS=1.");
        var checkedIn = (await File.ReadAllTextAsync(ErrorCodesDocument.Path)).ReplaceLineEndings("\n");
        Assert.True(checkedIn == rendered,
            $"{ErrorCodesDocument.RelativePath} is stale: the error catalogue changed. Regenerate with " +
            "'UPDATE_DOCS=1 dotnet test tests/ServiceDefaults.Tests --filter ErrorCodesDocumentTests' and commit the document.");
    }

    [Fact]
    public void Document_lists_every_code_with_its_status_and_type_base()
    {
        var rendered = ErrorCodesDocument.Render();

        foreach (var entry in ErrorCatalogue.All)
        {
            Assert.Contains($"| `{entry.Code}` | {entry.Status} | ", rendered, StringComparison.Ordinal);
        }
        Assert.Contains(ErrorCodes.TypeBase, rendered, StringComparison.Ordinal);
    }
}
