using System.Text;
using BffPlatform.Contracts.Common;

namespace BffPlatform.PublicApi.Idempotency;

/// <summary>An answer as written, stored under its key; a replay says so in <c>Idempotency-Replayed: true</c>.</summary>
public sealed record StoredResponse(int Status, string? ContentType, string Body, string? Location, bool Replayed) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        if (Replayed)
        {
            response.Headers[IdempotencyHeaders.Replayed] = "true";
        }
        if (ContentType is not null)
        {
            response.ContentType = ContentType;
        }
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }
        await response.WriteAsync(Body, Encoding.UTF8, httpContext.RequestAborted);
    }

    /// <summary>Runs <paramref name="result"/> against a buffer: the same bytes (Problem Details customisation included) as a direct write.</summary>
    public static async Task<StoredResponse> RenderAsync(HttpContext http, IResult result)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
            await http.Response.BodyWriter.FlushAsync();
        }
        finally
        {
            http.Response.Body = original;
        }
        var location = http.Response.Headers.Location.ToString();
        return new StoredResponse(http.Response.StatusCode, http.Response.ContentType, Encoding.UTF8.GetString(buffer.ToArray()),
            string.IsNullOrEmpty(location) ? null : location, Replayed: false);
    }
}
