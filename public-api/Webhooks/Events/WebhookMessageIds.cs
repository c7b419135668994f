namespace BffPlatform.PublicApi.Webhooks.Events;

/// <summary>Message ids (<c>webhook-id</c>): <c>msg_</c> and a version-7 Guid, so ids sort by creation.</summary>
internal static class WebhookMessageIds
{
    public static string New(TimeProvider time) => "msg_" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
}
