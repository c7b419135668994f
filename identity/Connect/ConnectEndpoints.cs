using BffPlatform.Identity.Server;

namespace BffPlatform.Identity.Connect;

internal static class ConnectEndpoints
{
    /// <summary>The passthrough endpoints OpenIddict hands over to after validating the protocol.</summary>
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/" + OpenIddictSetup.AuthorizeUri, [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.HandleAsync)
            .WithName("Authorize").ExcludeFromDescription();
        app.MapPost("/" + OpenIddictSetup.TokenUri, TokenEndpoint.HandleAsync)
            .WithName("Token").DisableAntiforgery().ExcludeFromDescription();
        app.MapMethods("/" + OpenIddictSetup.EndSessionUri, [HttpMethods.Get, HttpMethods.Post], EndSessionEndpoint.HandleAsync)
            .WithName("EndSession").DisableAntiforgery().ExcludeFromDescription();
        app.MapMethods("/" + OpenIddictSetup.UserInfoUri, [HttpMethods.Get, HttpMethods.Post], UserInfoEndpoint.HandleAsync)
            .WithName("UserInfo").DisableAntiforgery().ExcludeFromDescription();
        return app;
    }
}
