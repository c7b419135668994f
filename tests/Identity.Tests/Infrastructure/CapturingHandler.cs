using System.Collections.Concurrent;
using System.Net;

namespace BffPlatform.Identity.Tests.Infrastructure;

/// <summary>
/// Stands in for the network behind an outgoing HttpClient: records each request (with its body
/// read up front) and answers with <see cref="Status"/>, so no test traffic leaves the process.
/// </summary>
public sealed class CapturingHandler : HttpMessageHandler
{
    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new CapturedRequest(request.Method, request.RequestUri!, request.Content?.Headers.ContentType?.MediaType, body));
        return new HttpResponseMessage(Status);
    }
}

public sealed record CapturedRequest(HttpMethod Method, Uri Uri, string? ContentType, string Body);
