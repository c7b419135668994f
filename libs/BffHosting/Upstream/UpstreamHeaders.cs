using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.BffHosting.Upstream;

/// <summary>
/// The headers of core-api's answer a door passes on: the validators clients cache and send back
/// (<c>ETag</c>, <c>Last-Modified</c>) and whether a write was a replay of an earlier one
/// (<c>Idempotency-Replayed</c>). Nothing else of core-api's answer reaches the client.
/// </summary>
internal static class UpstreamHeaders
{
    public const string IdempotencyReplayed = "Idempotency-Replayed";
    private static readonly string[] PassedOn = ["ETag", "Last-Modified", IdempotencyReplayed];

    public static IReadOnlyList<KeyValuePair<string, string>> From(HttpHeaders? headers, HttpHeaders? contentHeaders)
    {
        List<KeyValuePair<string, string>>? found = null;
        foreach (var name in PassedOn)
        {
            if ((headers is not null && headers.TryGetValues(name, out var values))
                || (contentHeaders is not null && contentHeaders.TryGetValues(name, out values)))
            {
                (found ??= []).Add(new(name, string.Join(", ", values)));
            }
        }
        return found ?? (IReadOnlyList<KeyValuePair<string, string>>)[];
    }

    public static void WriteTo(IReadOnlyList<KeyValuePair<string, string>> headers, HttpResponse response)
    {
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }
    }
}
