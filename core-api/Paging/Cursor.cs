using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.CoreApi.Paging;

/// <summary>
/// Opaque keyset cursors: the sort key of the last item of a page, as base64url JSON. Clients
/// pass them back unchanged; anything that does not decode into <typeparamref name="T"/> is 400.
/// </summary>
public static class Cursor<T> where T : class
{
    public static string Encode(T key) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key, CursorJson.Options));

    public static bool TryDecode(string? cursor, out T? key)
    {
        key = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        try
        {
            if (cursor.Length > 2048)
            {
                return false;
            }
            var bytes = Base64Url.DecodeFromChars(cursor);
            key = JsonSerializer.Deserialize<T>(bytes, CursorJson.Options);
            return key is not null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}

internal static class CursorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // A cursor is ours; a tampered one must not half-parse.
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}

public static class Pagination
{
    /// <summary>Validates a requested page size: default when absent, 1..<see cref="PagingLimits.MaxPageSize"/>.</summary>
    public static bool TryPageSize(int? requested, [NotNullWhen(false)] out ProblemHttpResult? problem, out int pageSize)
    {
        pageSize = requested ?? PagingLimits.DefaultPageSize;
        if (pageSize is < 1 or > PagingLimits.MaxPageSize)
        {
            problem = Problem.Validation("pageSize", $"Must be between 1 and {PagingLimits.MaxPageSize}.");
            return false;
        }
        problem = null;
        return true;
    }

    public static ProblemHttpResult InvalidCursor() =>
        Problem.Of(StatusCodes.Status400BadRequest, ErrorCodes.InvalidCursor, "The cursor is not valid.",
            "Pass back the nextCursor of a previous page unchanged, or omit it for the first page.");
}
