using BffPlatform.BffHosting.Tokens;
using BffPlatform.Identity.Tests.Infrastructure;
using BffPlatform.Testing.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BffPlatform.BffHosting.Tests.Tokens;

/// <summary>
/// A door's services (not started) whose token client talks to the in-process identity, counting
/// its calls to the token endpoint; the door's clock is <see cref="Time"/>.
/// </summary>
internal sealed class TokenHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TokenHost(WebApplication app, TokenEndpointCounter counter, FakeTimeProvider time)
    {
        _app = app;
        TokenCalls = counter;
        Time = time;
    }

    public TokenEndpointCounter TokenCalls { get; }
    public FakeTimeProvider Time { get; }
    public IServiceProvider Services => _app.Services;

    public static TokenHost Create(IdentityFactory identity, Action<WebApplicationBuilder> register, IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["TokenClient:Authority"] = IdentityFactory.Issuer });
        var counter = new TokenEndpointCounter();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        builder.Services.AddSingleton<TimeProvider>(time);
        register(builder);
        builder.Services.AddHttpClient(TokenSetup.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => identity.Server.CreateHandler())
            .AddHttpMessageHandler(counter.CreateHandler);
        return new TokenHost(builder.Build(), counter, time);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
