using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace BffPlatform.Identity.SignOut;

/// <summary>
/// RFC 7009 revocation of a refresh token is how an app signs out: after OpenIddict has revoked the
/// token itself, this revokes its whole authorization (RFC 7009 §2.1 lets the server drop the rest
/// of the grant), so the token rotated away moments before cannot be redeemed inside the leeway.
/// </summary>
public sealed class RevokeWholeAuthorization(AuthorizationRevoker revoker) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .UseScopedHandler<RevokeWholeAuthorization>()
            .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.IsRejected || context.GenericTokenPrincipal is not { } token) return;
        if (!token.HasTokenType(OpenIddictConstants.TokenTypeIdentifiers.RefreshToken)) return;
        if (token.GetAuthorizationId() is { Length: > 0 } authorizationId)
        {
            await revoker.RevokeAsync(authorizationId, context.CancellationToken);
        }
    }
}
