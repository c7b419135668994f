using BffPlatform.BffHosting.Tokens;
using BffPlatform.ServiceDefaults.Json;
using BffPlatform.ServiceDefaults.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace BffPlatform.BffHosting.Upstream;

public static class CoreApiClientsSetup
{
    /// <summary>
    /// core-api's Refit clients (<c>ICore*Api</c> from libs/Contracts), each with the token the door
    /// chose for it, short timeouts, a circuit breaker, a bulkhead and retries for GET/HEAD only
    /// (a retried POST could place an order twice). <see cref="CoreApiOptions"/> from <c>CoreApi</c>.
    /// </summary>
    /// <example><c>builder.AddCoreApiClients(c => c.Add&lt;ICoreProductsApi&gt;(UpstreamToken.UserOrClient).Add&lt;ICoreCartApi&gt;(UpstreamToken.User));</c></example>
    public static WebApplicationBuilder AddCoreApiClients(this WebApplicationBuilder builder, Action<CoreApiClients> clients)
    {
        AddCoreApiOptions(builder);
        TokenSetup.AddCore(builder.Services);
        clients(new CoreApiClients(builder.Services));
        return builder;
    }

    internal static void AddCoreApiOptions(WebApplicationBuilder builder) =>
        builder.Services.AddValidatedOptions<CoreApiOptions, CoreApiOptionsValidator>(builder.Configuration, CoreApiOptions.SectionName);
}

/// <summary>The Refit clients a door registers, and which token each carries.</summary>
public sealed class CoreApiClients
{
    private readonly IServiceCollection _services;
    private readonly RefitSettings _settings = new(new SystemTextJsonContentSerializer(JsonDefaults.CreateClientOptions()))
    {
        UrlParameterKeyFormatter = new CamelCaseUrlParameterKeyFormatter(),
    };

    internal CoreApiClients(IServiceCollection services) => _services = services;

    public CoreApiClients Add<TClient>(UpstreamToken token) where TClient : class => Add<TClient>(token, _ => { });

    /// <summary>
    /// As <see cref="Add{TClient}(UpstreamToken)"/>, with the door's own additions to the client's
    /// pipeline (a handler that adds headers of the door's own, e.g. public-api's acting-for-a-partner
    /// headers), which run inside the resilience handler on every attempt.
    /// </summary>
    public CoreApiClients Add<TClient>(UpstreamToken token, Action<IHttpClientBuilder> configure) where TClient : class
    {
        var client = _services.AddRefitGeneratedClient<TClient>(_settings)
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<CoreApiOptions>>().Value.BaseAddress);
                // The resilience pipeline owns timeouts; HttpClient's own must not cut in first.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(sp => new UpstreamTokenHandler(sp.GetRequiredService<IHttpContextAccessor>(), sp.GetRequiredService<UpstreamTokens>(), token))
            // Per-call request/response logs and log scopes cost on every API call (bench/bff-web.sh);
            // failures are logged by the resilience pipeline and answered as Problem Details.
            .RemoveAllLoggers();

        client.AddStandardResilienceHandler().Configure((resilience, sp) => Configure(resilience, sp.GetRequiredService<IOptions<CoreApiOptions>>().Value));
        configure(client);
        return this;
    }

    private static void Configure(HttpStandardResilienceOptions resilience, CoreApiOptions o)
    {
        resilience.RateLimiter.DefaultRateLimiterOptions.PermitLimit = o.MaxConcurrentCalls;
        resilience.RateLimiter.DefaultRateLimiterOptions.QueueLimit = 0;
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
    }
}
