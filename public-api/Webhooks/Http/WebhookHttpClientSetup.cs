using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Webhooks.Http;

internal static class WebhookHttpClientSetup
{
    public const string Name = "webhooks";

    /// <summary>
    /// The client that calls partners' receivers: addresses checked at connect time, no redirects
    /// (a 3xx is a failure, never followed to wherever it points), no proxy (it would connect for us,
    /// unchecked), no cookies, short timeouts, no retries of its own (the delivery schedule retries).
    /// </summary>
    public static IServiceCollection AddWebhookHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(Name, (sp, http) =>
            {
                http.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("BffPlatform-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
                var allowLoopback = options.AllowLoopbackReceivers;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    ConnectTimeout = options.ConnectTimeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    MaxResponseHeadersLength = 64,
                    ConnectCallback = (context, cancellationToken) => GuardedConnect.ConnectAsync(context, allowLoopback, cancellationToken),
                };
            })
            .RemoveAllLoggers();
        return services;
    }
}
