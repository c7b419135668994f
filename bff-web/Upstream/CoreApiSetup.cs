using BffPlatform.BffHosting.Proxy;
using BffPlatform.BffHosting.Tokens;
using BffPlatform.BffHosting.Upstream;
using BffPlatform.BffWeb.Authentication;
using BffPlatform.Contracts.Clients;
using BffPlatform.ServiceDefaults.Options;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Upstream;

/// <summary>How bff-web reaches core-api, from the door library: which token each call carries.</summary>
public static class CoreApiSetup
{
    /// <summary>What visitors' catalog reads carry: bff-web's own token, nothing more than reading the catalog.</summary>
    public static readonly string[] VisitorScopes = [Contracts.Common.Scopes.Audience, Contracts.Common.Scopes.CatalogRead];

    public static WebApplicationBuilder AddCoreApi(this WebApplicationBuilder builder)
    {
        builder.AddSessionUserToken();
        // bff-web is the same OAuth client for sign-in and for its own token: one Oidc section, one secret.
        builder.AddClientCredentialsToken().Configure<IOptions<OidcClientOptions>>((token, oidc) =>
        {
            if (string.IsNullOrEmpty(token.Authority)) token.Authority = oidc.Value.Authority;
            if (string.IsNullOrEmpty(token.ClientId)) token.ClientId = oidc.Value.ClientId;
            if (string.IsNullOrEmpty(token.ClientSecret)) token.ClientSecret = oidc.Value.ClientSecret;
            if (token.Scopes.Length == 0) token.Scopes = VisitorScopes;
        });

        // The catalog is open to visitors; everything else acts as the signed-in user.
        builder.AddCoreApiClients(clients => clients
            .Add<ICoreProductsApi>(UpstreamToken.UserOrClient)
            .Add<ICoreCartApi>(UpstreamToken.User)
            .Add<ICoreOrdersApi>(UpstreamToken.User)
            .Add<ICoreUsersApi>(UpstreamToken.User)
            .Add<ICorePartnersApi>(UpstreamToken.User));

        builder.Services.AddValidatedOptions<PassThroughOptions, PassThroughOptionsValidator>(builder.Configuration, PassThroughOptions.SectionName);
        var passThrough = builder.Configuration.GetSection(PassThroughOptions.SectionName).Get<PassThroughOptions>() ?? new PassThroughOptions();
        // Staff product editing goes to core-api as-is; any signed-in user may try, core-api decides.
        builder.AddCoreProxy(routes =>
        {
            foreach (var prefix in passThrough.EffectivePassThroughPrefixes)
            {
                routes.Forward($"/api/core/{prefix}", $"/api/v1/{prefix}", UpstreamToken.User);
            }
        });
        return builder;
    }
}
