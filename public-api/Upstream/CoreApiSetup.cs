using BffPlatform.BffHosting.Tokens;
using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;

namespace BffPlatform.PublicApi.Upstream;

/// <summary>
/// Every call to core-api carries public-api's own client-credentials token (<c>TokenClient</c>);
/// the partner-facing clients add the partner the key proved (<see cref="PartnerActingHandler"/>),
/// the gateway (verify keys, report usage) speaks for public-api itself.
/// </summary>
public static class CoreApiSetup
{
    public static WebApplicationBuilder AddCoreApi(this WebApplicationBuilder builder)
    {
        builder.AddClientCredentialsToken();
        builder.Services.AddTransient<PartnerActingHandler>();
        builder.AddCoreApiClients(c => c
            .Add<ICorePartnerGatewayApi>(UpstreamToken.Client)
            .Add<ICoreProductsApi>(UpstreamToken.Client, ActsForPartner)
            .Add<ICoreOrdersApi>(UpstreamToken.Client, ActsForPartner)
            .Add<ICorePartnersApi>(UpstreamToken.Client, ActsForPartner));
        return builder;
    }

    private static void ActsForPartner(IHttpClientBuilder client) => client.AddHttpMessageHandler<PartnerActingHandler>();
}
