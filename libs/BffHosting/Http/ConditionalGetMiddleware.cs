using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace BffPlatform.BffHosting.Http;

/// <summary>
/// <c>ETag</c> and <c>If-None-Match</c> for every successful GET of a door, shaped answers included:
/// the answer is buffered, its validator is a weak tag over the bytes (unless the endpoint set one,
/// such as core-api's passed on), and a client holding that tag gets 304 with no body. The tag is
/// weak because compression (outside this middleware) changes the bytes on the wire but not the
/// representation. The door still does the work of the answer; what the client saves is the
/// transfer, which is what a phone on a bad network pays for.
/// </summary>
internal sealed class ConditionalGetMiddleware(RequestDelegate next)
{
    /// <summary>Answers larger than this are sent as they are, without a validator.</summary>
    internal const int MaxBufferedBytes = 256 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }

        var originalBody = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        // No prior feature: nothing the endpoint does (a flush, StartAsync) reaches the client before the tag is known.
        var buffered = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(buffered);
        try
        {
            await next(context);
            await buffered.CompleteAsync();
        }
        finally
        {
            context.Features.Set(originalBody);
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK && buffer.Length is > 0 and <= MaxBufferedBytes)
        {
            if (string.IsNullOrEmpty(response.Headers.ETag))
            {
                response.Headers.ETag = WeakTag(buffer);
            }
            if (Matches(context.Request.Headers.IfNoneMatch, response.Headers.ETag.ToString()))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }
        }
        if (buffer.Length > 0)
        {
            response.ContentLength ??= buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(originalBody.Stream, context.RequestAborted);
        }
    }

    internal static string WeakTag(MemoryStream body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length), hash);
        return "W/\"" + Convert.ToBase64String(hash[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"";
    }

    /// <summary>RFC 9110 13.1.2: <c>*</c>, or any listed tag equal to the current one by weak comparison.</summary>
    internal static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string current)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParse(current, out var tag)) return false;
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var sent)) return false;
        return sent.Any(s => s.Equals(EntityTagHeaderValue.Any) || s.Compare(tag, useStrongComparison: false));
    }
}
