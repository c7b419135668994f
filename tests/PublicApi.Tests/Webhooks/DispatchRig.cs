using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Webhooks;
using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.PublicApi.Webhooks.Dispatch;
using BffPlatform.PublicApi.Webhooks.Http;
using BffPlatform.PublicApi.Webhooks.Retention;
using BffPlatform.PublicApi.Webhooks.Signing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Tests.Webhooks;

/// <summary>
/// A dispatcher as public-api wires it (leases, guarded HTTP client, recorder) over a webhook
/// database file, without the host. Several rigs on one <see cref="DatabaseFile"/> are several
/// dispatcher instances sharing the work.
/// </summary>
public sealed class DispatchRig : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public string Directory { get; }
    public TimeProvider Time { get; }

    public DispatchRig(string directory, TimeProvider time, Action<WebhookOptions>? configure = null)
    {
        Directory = directory;
        Time = time;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton<IOptions<WebhookOptions>>(Options.Create(Configure(configure)));
        services.AddDbContextFactory<WebhookDbContext>(o => o.UseSqlite($"Data Source={DatabaseFile(directory)}"));
        services.AddDataProtection().SetApplicationName("public-api").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(directory, "keys")));
        services.AddSingleton<SecretProtector>();
        services.AddWebhookHttpClient();
        services.AddSingleton<DeliveryLeases>();
        services.AddSingleton<DeliverySender>();
        services.AddSingleton<DeliveryRecorder>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<WebhookRetention>();
        _services = services.BuildServiceProvider();
    }

    public static string DatabaseFile(string directory) => Path.Combine(directory, "webhooks.db");

    private static WebhookOptions Configure(Action<WebhookOptions>? configure)
    {
        var options = new WebhookOptions
        {
            AllowLoopbackReceivers = true,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            RequestTimeout = TimeSpan.FromSeconds(5),
            LeaseDuration = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return options;
    }

    internal WebhookDispatcher Dispatcher => _services.GetRequiredService<WebhookDispatcher>();
    internal DeliveryLeases Leases => _services.GetRequiredService<DeliveryLeases>();
    internal DeliverySender Sender => _services.GetRequiredService<DeliverySender>();
    internal DeliveryRecorder Recorder => _services.GetRequiredService<DeliveryRecorder>();
    public WebhookRetention Retention => _services.GetRequiredService<WebhookRetention>();
    public SecretProtector Secrets => _services.GetRequiredService<SecretProtector>();

    public async Task<WebhookDbContext> DbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<WebhookDbContext>>().CreateDbContextAsync();

    public async Task MigrateAsync()
    {
        await using var db = await DbAsync();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    /// <summary>An endpoint written straight to the database (no registration check: the connect-time check is under test).</summary>
    public async Task<(Guid Id, string Secret)> AddEndpointAsync(string url)
    {
        var secret = WebhookSecret.Generate();
        var now = Time.GetUtcNow();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.NewGuid(),
            PartnerId = Guid.NewGuid(),
            Environment = PartnerEnvironments.Live,
            Url = url,
            EventTypes = "order.created.v1",
            Secret = Secrets.Protect(secret),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var db = await DbAsync();
        db.Endpoints.Add(endpoint);
        await db.SaveChangesAsync();
        return (endpoint.Id, secret);
    }

    /// <summary><paramref name="count"/> messages, each with one due delivery to <paramref name="endpointId"/> (and the trace context the intake stored with it).</summary>
    public async Task<IReadOnlyList<string>> QueueAsync(Guid endpointId, int count, string? traceParent = null, string? traceState = null)
    {
        var now = Time.GetUtcNow();
        await using var db = await DbAsync();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = $"msg_test_{Guid.NewGuid():N}";
            ids.Add(id);
            db.Messages.Add(new WebhookMessage
            {
                Id = id, PartnerId = Guid.Empty, Environment = PartnerEnvironments.Live, Type = "order.created.v1",
                Payload = $"{{\"id\":\"{id}\",\"n\":{i}}}", CreatedAt = now, TraceParent = traceParent, TraceState = traceState,
            });
            db.Deliveries.Add(new WebhookDelivery { MessageId = id, EndpointId = endpointId, Status = DeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now });
        }
        await db.SaveChangesAsync();
        return ids;
    }

    public async Task<WebhookDelivery> DeliveryAsync(string messageId)
    {
        await using var db = await DbAsync();
        return await db.Deliveries.AsNoTracking().SingleAsync(d => d.MessageId == messageId);
    }

    public async Task<List<WebhookDeliveryAttempt>> AttemptsAsync(long deliveryId)
    {
        await using var db = await DbAsync();
        return await db.DeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Id).ToListAsync();
    }

    public async Task<WebhookEndpoint> EndpointAsync(Guid id)
    {
        await using var db = await DbAsync();
        return await db.Endpoints.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
