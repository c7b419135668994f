namespace BffPlatform.BffHosting.Tokens;

/// <summary>
/// Which token a call to core-api carries. The door says which (per Refit client or proxy route);
/// <see cref="UpstreamTokens"/> knows how to get it.
/// </summary>
public enum UpstreamToken
{
    /// <summary>No <c>Authorization</c> header.</summary>
    None,

    /// <summary>
    /// The caller's own: the signed-in user's token from the cookie session, or a core-api token
    /// exchanged for the caller's bearer token (whichever <see cref="IUserTokenSource"/> the door
    /// registered). Without a caller the call goes without a token and core-api answers 401.
    /// </summary>
    User,

    /// <summary>The caller's own when there is a caller; the door's own client-credentials token for visitors.</summary>
    UserOrClient,

    /// <summary>The door's own client-credentials token, whoever calls.</summary>
    Client,
}
