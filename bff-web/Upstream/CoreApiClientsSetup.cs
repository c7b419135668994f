using BffPlatform.Contracts.Clients;
using BffPlatform.ServiceDefaults.Json;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace BffPlatform.BffWeb.Upstream;

public static class CoreApiClientsSetup
{
    /// <summary>
    /// Refit clients of core-api with the user's token, short timeouts, a circuit breaker and
    /// retries for GET/HEAD only (a retried POST could place an order twice).
    /// </summary>
    public static WebApplicationBuilder AddCoreApiClients(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CoreApiOptions>().Bind(builder.Configuration.GetSection(CoreApiOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CoreApiOptions>, CoreApiOptionsValidator>();
        services.AddHttpContextAccessor();
        services.AddTransient<UserAccessTokenHandler>();

        var settings = new RefitSettings(new SystemTextJsonContentSerializer(JsonDefaults.CreateClientOptions()))
        {
            UrlParameterKeyFormatter = new CamelCaseUrlParameterKeyFormatter(),
        };
        Add<ICoreProductsApi>(services, settings);
        Add<ICoreCartApi>(services, settings);
        Add<ICoreOrdersApi>(services, settings);
        Add<ICoreUsersApi>(services, settings);
        return builder;
    }

    private static void Add<TClient>(IServiceCollection services, RefitSettings settings) where TClient : class
    {
        var client = services.AddRefitGeneratedClient<TClient>(settings)
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<CoreApiOptions>>().Value.BaseAddress);
                // The resilience pipeline owns timeouts; HttpClient's own must not cut in first.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<UserAccessTokenHandler>()
            // Per-call request/response logs and log scopes cost on every API call (bench/bff-web.sh);
            // failures are logged by the resilience pipeline and answered as Problem Details.
            .RemoveAllLoggers();

        client.AddStandardResilienceHandler().Configure((resilience, sp) =>
        {
            var o = sp.GetRequiredService<IOptions<CoreApiOptions>>().Value;
            resilience.AttemptTimeout.Timeout = o.AttemptTimeout;
            resilience.TotalRequestTimeout.Timeout = o.TotalTimeout;
            resilience.Retry.MaxRetryAttempts = Math.Max(1, o.MaxRetries);
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(100);
            resilience.Retry.BackoffType = DelayBackoffType.Exponential;
            resilience.Retry.UseJitter = true;
            if (o.MaxRetries == 0)
            {
                resilience.Retry.ShouldHandle = _ => PredicateResult.False();
            }
            // Only safe methods are retried.
            resilience.Retry.DisableForUnsafeHttpMethods();
            resilience.CircuitBreaker.FailureRatio = o.BreakerFailureRatio;
            resilience.CircuitBreaker.MinimumThroughput = o.BreakerMinimumThroughput;
            resilience.CircuitBreaker.SamplingDuration = o.BreakerSamplingDuration;
            resilience.CircuitBreaker.BreakDuration = o.BreakDuration;
        });
    }
}
