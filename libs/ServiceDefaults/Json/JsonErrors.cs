using System.Text.Json;
using System.Text.RegularExpressions;

namespace BffPlatform.ServiceDefaults.Json;

/// <summary>
/// Turns System.Text.Json's exceptions into what a client can act on: the JSON path of each
/// offending member and a sentence without .NET type names. The serializer reports a missing or
/// null member at the path of the object holding it ("$"), naming the member only in its message,
/// so the member is read from there and appended to the path.
/// </summary>
internal static partial class JsonErrors
{
    public static Dictionary<string, string[]> Describe(JsonException json)
    {
        var at = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
        var message = json.Message;

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            return Quoted().Matches(missing.Groups["names"].Value)
                .Select(m => m.Groups[1].Value)
                .ToDictionary(name => Member(at, name), name => new[] { $"'{name}' is required." });
        }
        if (DisallowsNull().Match(message) is { Success: true } nulled)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(nulled.Groups["name"].Value);
            return One(Member(at, name), $"'{name}' must not be null.");
        }
        if (Duplicate().Match(message) is { Success: true } duplicate)
        {
            var name = duplicate.Groups["name"].Value;
            return One(Member(at, name), $"'{name}' appears more than once.");
        }
        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            return One(Member(at, name), $"'{name}' is not a member of this object (names are case-sensitive).");
        }
        if (NotConvertible().Match(message) is { Success: true } conversion)
        {
            return One(at, $"The value must be {Expected(conversion.Groups["type"].Value.TrimEnd('.'))}.");
        }
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        // Anything else naming CLR types tells the client nothing it can use.
        return One(at, text.Contains("System.", StringComparison.Ordinal) || text.Contains("BffPlatform.", StringComparison.Ordinal)
            ? "The value is missing, of the wrong type, or not allowed here."
            : text);
    }

    private static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };

    /// <summary>The member's path: the serializer may already point at it, or only at its parent.</summary>
    private static string Member(string at, string name) =>
        at.EndsWith("." + name, StringComparison.Ordinal) || at.EndsWith($"['{name}']", StringComparison.Ordinal) ? at : $"{at}.{name}";

    private static string Expected(string clrType) => clrType.Split('`')[0] switch
    {
        "System.Int16" or "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" or "System.UInt64" or "System.Byte" => "an integer (a JSON number)",
        "System.Decimal" or "System.Double" or "System.Single" => "a number (a JSON number, not a string)",
        "System.Guid" => "a UUID string",
        "System.DateTimeOffset" or "System.DateTime" => "an ISO 8601 date-time string",
        "System.DateOnly" => "an ISO 8601 date string",
        "System.Boolean" => "true or false",
        "System.String" => "a string",
        var other when other.StartsWith("System.Collections", StringComparison.Ordinal) || other.EndsWith("[]", StringComparison.Ordinal) => "an array",
        // Constructor-bound members name their record, not their own type.
        _ => "of this member's documented type (numbers as JSON numbers, not strings; enums by name)",
    };

    [GeneratedRegex(@"missing required properties including: (?<names>.+?)\.?$", RegexOptions.Singleline)]
    private static partial Regex MissingRequired();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?:constructor parameter|property or field|property) '(?<name>[^']+)' on type '[^']+' doesn't allow (?:setting |getting )?null")]
    private static partial Regex DisallowsNull();

    [GeneratedRegex(@"[Dd]uplicate property '(?<name>[^']+)'")]
    private static partial Regex Duplicate();

    [GeneratedRegex(@"JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"could not be converted to (?<type>[\w.`\[\]]+)")]
    private static partial Regex NotConvertible();
}
