using Microsoft.AspNetCore.Http;

namespace BffPlatform.BffHosting.Tokens;

/// <summary>Where a door gets a core-api token that acts as its caller. One per door.</summary>
public interface IUserTokenSource
{
    /// <summary>The caller's core-api access token, or null when the request has no caller.</summary>
    ValueTask<string?> GetAsync(HttpContext context, CancellationToken cancellationToken);
}

/// <summary>The door's own token (client credentials): acts by its scopes, never as a user.</summary>
public interface IClientTokenSource
{
    ValueTask<string> GetAsync(CancellationToken cancellationToken);
}
