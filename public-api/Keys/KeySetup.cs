using BffPlatform.ServiceDefaults.Options;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BffPlatform.PublicApi.Keys;

public static class KeySetup
{
    /// <summary>API keys as the only way in (<see cref="ApiKeyAuthenticationHandler"/>), scope requirements, <see cref="ApiKeyOptions"/> from <c>ApiKeys</c>.</summary>
    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ApiKeyOptions>(builder.Configuration, ApiKeyOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyVerifier>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<IAuthorizationHandler, PartnerScopeHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, PartnerScopeResultHandler>();
        return builder;
    }
}
