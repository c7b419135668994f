using BffPlatform.ServiceDefaults.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffHosting.Tokens;

/// <summary>How a door gets its tokens for core-api. A door registers one user source, and the client source if it needs its own token.</summary>
public static class TokenSetup
{
    /// <summary>The HttpClient that calls the identity provider's discovery and token endpoints.</summary>
    public const string HttpClientName = "bff-hosting-token-client";

    /// <summary>The caller is a cookie session (bff-web): its user's access token, read from the authenticated session.</summary>
    public static WebApplicationBuilder AddSessionUserToken(this WebApplicationBuilder builder)
    {
        AddCore(builder.Services);
        builder.Services.Replace(ServiceDescriptor.Singleton<IUserTokenSource, SessionUserTokenSource>());
        return builder;
    }

    /// <summary>
    /// The caller sends a bearer token meant for the door (bff-mobile): exchanged (RFC 8693) for a
    /// core-api token of the same user. The door's <see cref="TokenClientOptions"/> come from <c>TokenClient</c>.
    /// </summary>
    public static OptionsBuilder<TokenClientOptions> AddTokenExchangeUserToken(this WebApplicationBuilder builder)
    {
        var options = AddTokenClient(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IUserTokenSource, TokenExchangeUserTokenSource>());
        return options;
    }

    /// <summary>The door's own client-credentials token (visitors, partners' calls): <see cref="TokenClientOptions"/> from <c>TokenClient</c>.</summary>
    public static OptionsBuilder<TokenClientOptions> AddClientCredentialsToken(this WebApplicationBuilder builder)
    {
        var options = AddTokenClient(builder);
        builder.Services.TryAddSingleton<IClientTokenSource, ClientCredentialsTokenSource>();
        return options;
    }

    internal static void AddCore(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UpstreamTokens>();
    }

    private static OptionsBuilder<TokenClientOptions> AddTokenClient(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        AddCore(services);
        if (services.Any(d => d.ServiceType == typeof(TokenEndpoint)))
        {
            return services.AddOptions<TokenClientOptions>();
        }
        services.AddSingleton<TokenEndpoint>();
        // Token requests are not retried blindly: a client-credentials or exchange request is cheap to
        // make again on the next call, and the caller's own timeout bounds this one.
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();
        return services.AddValidatedOptions<TokenClientOptions, TokenClientOptionsValidator>(builder.Configuration, TokenClientOptions.SectionName);
    }
}
