using BffPlatform.BffHosting.Tokens;
using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;

namespace BffPlatform.BffMobile.Upstream;

/// <summary>
/// How bff-mobile reaches core-api, from the door library: as the app's user by token exchange
/// (audience core-api, scopes cut to the app's own, cached per app token), and for visitors' catalog
/// reads with its own client-credentials token (<c>TokenClient:Scopes</c>: catalog.read only).
/// Never with its own rights for a user's call.
/// </summary>
public static class CoreApiSetup
{
    public static WebApplicationBuilder AddCoreApi(this WebApplicationBuilder builder)
    {
        builder.AddTokenExchangeUserToken();
        builder.AddClientCredentialsToken();
        builder.AddCoreApiClients(clients => clients
            .Add<ICoreProductsApi>(UpstreamToken.UserOrClient)
            .Add<ICoreCartApi>(UpstreamToken.User)
            .Add<ICoreOrdersApi>(UpstreamToken.User)
            .Add<ICoreUsersApi>(UpstreamToken.User));
        return builder;
    }
}
