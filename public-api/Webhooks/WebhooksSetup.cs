using BffPlatform.ServiceDefaults.DataProtection;
using BffPlatform.BffHosting.Tokens;
using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Keys;
using BffPlatform.PublicApi.Versions;
using BffPlatform.PublicApi.Webhooks.Api;
using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.PublicApi.Webhooks.Dispatch;
using BffPlatform.PublicApi.Webhooks.Http;
using BffPlatform.PublicApi.Webhooks.Intake;
using BffPlatform.PublicApi.Webhooks.Retention;
using BffPlatform.PublicApi.Webhooks.Signing;
using BffPlatform.ServiceDefaults.Data;
using BffPlatform.ServiceDefaults.Health;
using BffPlatform.ServiceDefaults.Hosting;
using BffPlatform.ServiceDefaults.Options;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BffPlatform.PublicApi.Webhooks;

public static class WebhooksSetup
{
    public const string ConnectionStringName = "Webhooks";

    /// <summary>
    /// Signed partner webhooks: the database (<c>Database:Provider</c> Sqlite or Postgres,
    /// <c>ConnectionStrings:Webhooks</c>, default <c>data/public-api/webhooks.db</c>), its retention, secrets under Data Protection (keys in
    /// <c>DataProtection:KeysPath</c>, default <c>data/public-api/keys</c>), the intake from
    /// core-api's outbox with public-api's own client-credentials token, the dispatcher and its
    /// guarded HTTP client, and <see cref="WebhookOptions"/> from <c>Webhooks</c>.
    /// </summary>
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(builder.Configuration, WebhookOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        var database = PlatformDatabase.From(builder, ConnectionStringName, "public-api", "webhooks.db");
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // Its own context type for its own migrations; everything else asks for WebhookDbContext.
            services.AddDbContextFactory<PostgresWebhookDbContext>(o => database.Configure(o));
            services.AddSingleton<IDbContextFactory<WebhookDbContext>>(s =>
                new PostgresWebhookContexts(s.GetRequiredService<IDbContextFactory<PostgresWebhookDbContext>>()));
            services.AddScoped<WebhookDbContext>(s => s.GetRequiredService<PostgresWebhookDbContext>());
        }
        else
        {
            services.AddDbContextFactory<WebhookDbContext>(o => database.Configure(o));
        }
        // Migrated (or, with Database:MigrateOnStart=false, checked) before WAL, intake and dispatch: hosted services start in order.
        services.AddDatabaseMigration<WebhookDbContext>(builder.Configuration, "public-api");
        services.AddHostedService<WebhookDatabaseInitializer>();
        services.AddHealthChecks().AddDbContextCheck<WebhookDbContext>("webhooks", tags: [HealthEndpoints.ReadyTag]);

        builder.AddPlatformDataProtection("public-api");
        services.AddSingleton<SecretProtector>();

        builder.AddClientCredentialsToken();
        builder.AddCoreApiClients(c => c.Add<ICoreOutboxApi>(UpstreamToken.Client));
        services.AddScoped<OutboxIntake>();
        services.AddHostedService<OutboxIntakeService>();

        services.AddWebhookHttpClient();
        services.AddSingleton<DeliveryLeases>();
        services.AddSingleton<DeliverySender>();
        services.AddSingleton<DeliveryRecorder>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService<DispatchService>();
        services.AddHostedService<WebhookLagGauge>();
        services.AddHostedService<WebhookRetention>();

        return builder;
    }

    /// <summary>
    /// The webhook API under the version's group (<c>/api/v1/webhooks</c>, <c>/api/v2/webhooks</c>: the
    /// same shape in both), for keys with <c>webhooks:manage</c>; the version group brings key
    /// authentication, the plan's rate limit and the version's OpenAPI document.
    /// </summary>
    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api, ApiVersion version)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequirePartnerScope(PartnerScopes.WebhooksManage)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        webhooks.MapWebhookEndpointRoutes(version.Name).MapWebhookDeliveryRoutes(version.Name);
        return webhooks;
    }
}
