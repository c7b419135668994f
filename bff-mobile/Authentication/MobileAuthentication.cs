using BffPlatform.ServiceDefaults.Auth;

namespace BffPlatform.BffMobile.Authentication;

/// <summary>
/// The app proves who it is with an access token identity issued for bff-mobile (<c>Authentication:Jwt</c>:
/// audience <c>bff-mobile</c>, <c>typ</c> <c>at+jwt</c> only, so an ID token or a token meant for core-api
/// or bff-web is refused). Visitors send no token and browse the catalog.
/// </summary>
public static class MobileAuthentication
{
    public static WebApplicationBuilder AddMobileAuthentication(this WebApplicationBuilder builder)
    {
        builder.AddPlatformJwtBearer();
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>After authentication: a request whose token was refused is 401, even where visitors are welcome.</summary>
    public static IApplicationBuilder UsePresentedTokenMustBeValid(this IApplicationBuilder app) => app.UseMiddleware<PresentedTokenMiddleware>();
}
