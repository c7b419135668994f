using BffPlatform.ServiceDefaults.Health;
using BffPlatform.ServiceDefaults.Options;
using BffPlatform.ServiceDefaults.Redis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BffPlatform.PublicApi.Keys;

public static class KeySetup
{
    /// <summary>
    /// API keys as the only way in (<see cref="ApiKeyAuthenticationHandler"/>), scope requirements, <see cref="ApiKeyOptions"/> from <c>ApiKeys</c>.
    /// Scaled out (<c>Redis:Configuration</c>), core-api's announcements of changed keys empty their cached verifications at once
    /// (<see cref="ApiKeyChangeListener"/>, <c>api-key-changes</c> in <c>/health/ready</c>).
    /// </summary>
    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ApiKeyOptions>(builder.Configuration, ApiKeyOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyVerifier>();
        if (builder.AddPlatformRedis())
        {
            builder.Services.AddSingleton<ApiKeyChangeListener>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ApiKeyChangeListener>());
            // Degraded, not Unhealthy: the instance still serves, with the cache time as the bound.
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(ApiKeyChangeListener.HealthCheckName,
                sp => sp.GetRequiredService<ApiKeyChangeListener>(), HealthStatus.Degraded, [HealthEndpoints.ReadyTag]));
        }
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<IAuthorizationHandler, PartnerScopeHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, PartnerScopeResultHandler>();
        return builder;
    }
}
