using System.Reflection;
using BffPlatform.Contracts.Common;

namespace BffPlatform.ServiceDefaults.Tests.Docs;

/// <summary>Every code in <see cref="ErrorCodes"/> is documented once, in a form the Markdown table can hold.</summary>
public sealed class ErrorCatalogueTests
{
    private static readonly IReadOnlyList<string> DeclaredCodes = typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string) && field.Name != nameof(ErrorCodes.TypeBase))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToList();

    [Fact]
    public void Every_declared_code_has_exactly_one_entry()
    {
        var catalogued = ErrorCatalogue.All.Select(entry => entry.Code).ToList();

        Assert.NotEmpty(DeclaredCodes);
        Assert.Empty(DeclaredCodes.Except(catalogued));
        Assert.Empty(catalogued.GroupBy(code => code).Where(group => group.Count() > 1).Select(group => group.Key));
    }

    [Fact]
    public void Every_entry_is_a_declared_code()
    {
        Assert.Empty(ErrorCatalogue.All.Select(entry => entry.Code).Except(DeclaredCodes));
    }

    [Fact]
    public void Entries_are_error_statuses_with_one_line_sentences()
    {
        foreach (var entry in ErrorCatalogue.All)
        {
            Assert.InRange(entry.Status, 400, 599);
            foreach (var text in new[] { entry.Meaning, entry.ClientAction })
            {
                Assert.False(string.IsNullOrWhiteSpace(text), $"{entry.Code} has an empty text");
                Assert.True(text.EndsWith('.'), $"{entry.Code}: '{text}' is not a sentence ending with a period");
                Assert.DoesNotContain('|', text);
                Assert.DoesNotContain('\n', text);
            }
        }
    }

    [Fact]
    public void Find_returns_the_entry_or_null()
    {
        Assert.Equal(409, ErrorCatalogue.Find(ErrorCodes.CartEmpty)?.Status);
        Assert.Equal("https://bffplatform.dev/errors/cart-empty", ErrorCatalogue.Find(ErrorCodes.CartEmpty)?.TypeUri);
        Assert.Null(ErrorCatalogue.Find("no_such_code"));
    }
}
