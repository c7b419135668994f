using Microsoft.Net.Http.Headers;

namespace BffPlatform.CoreApi.Products;

/// <summary>Strong ETags made of a version number: <c>"42"</c>.</summary>
public static class ETags
{
    public static string For(long version) => $"\"{version}\"";

    /// <summary>If-None-Match: weak comparison, <c>*</c> matches anything that exists.</summary>
    public static bool NoneMatchHits(string? ifNoneMatch, long version)
    {
        if (string.IsNullOrWhiteSpace(ifNoneMatch) || !EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags))
        {
            return false;
        }
        var current = new EntityTagHeaderValue(For(version));
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    /// <summary>If-Match: strong comparison (RFC 9110), <c>*</c> matches anything that exists.</summary>
    public static bool MatchHits(string ifMatch, long version)
    {
        if (!EntityTagHeaderValue.TryParseList([ifMatch], out var tags))
        {
            return false;
        }
        var current = new EntityTagHeaderValue(For(version));
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true));
    }
}
