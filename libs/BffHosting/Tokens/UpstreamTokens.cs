using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.BffHosting.Tokens;

/// <summary>
/// The one place a door's call to core-api gets its token, for Refit clients (<see cref="UpstreamTokenHandler"/>)
/// and the YARP pass-through alike.
/// </summary>
public sealed class UpstreamTokens(IServiceProvider services)
{
    /// <summary>The token for <paramref name="choice"/>, or null when the call goes without one.</summary>
    public async ValueTask<string?> GetAsync(HttpContext? context, UpstreamToken choice, CancellationToken cancellationToken)
    {
        switch (choice)
        {
            case UpstreamToken.None:
                return null;
            case UpstreamToken.Client:
                return await Client.GetAsync(cancellationToken);
            case UpstreamToken.User:
                return context is null ? null : await User.GetAsync(context, cancellationToken);
            case UpstreamToken.UserOrClient:
                var user = context is null ? null : await User.GetAsync(context, cancellationToken);
                return user ?? await Client.GetAsync(cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(choice), choice, "Not a token choice.");
        }
    }

    private IUserTokenSource User => services.GetService<IUserTokenSource>()
        ?? throw new InvalidOperationException("A call carries the user's token, but no user token source is registered: call AddSessionUserToken() or AddTokenExchangeUserToken().");

    private IClientTokenSource Client => services.GetService<IClientTokenSource>()
        ?? throw new InvalidOperationException("A call carries the door's own token, but none is registered: call AddClientCredentialsToken().");
}
