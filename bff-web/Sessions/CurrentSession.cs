namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// The server-side session behind this request. The cookie handler keeps the session key to
/// itself, so the ticket store records it here when it loads or creates a session.
/// </summary>
public static class CurrentSession
{
    private static readonly object ItemKey = new();

    internal static void Set(HttpContext? context, UserSession session)
    {
        if (context is not null)
        {
            context.Items[ItemKey] = session;
        }
    }

    public static UserSession? Get(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as UserSession : null;
}
