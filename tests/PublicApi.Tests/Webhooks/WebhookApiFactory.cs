using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Keys;
using BffPlatform.PublicApi.Webhooks.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.PublicApi.Tests.Webhooks;

/// <summary>public-api with its own throw-away webhook database and key ring, the test key scheme, and no intake or dispatch running.</summary>
public sealed class WebhookApiFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("webhooks-api-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Webhooks", $"Data Source={Path.Combine(_directory, "webhooks.db")}");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(_directory, "keys"));
        builder.UseSetting("Webhooks:IntakeEnabled", "false");
        builder.UseSetting("Webhooks:DispatchEnabled", "false");
        builder.UseSetting("RateLimiting:Enabled", "false");
        // The key scheme's handler swapped for one that takes the claims from a header: no core-api to verify keys.
        builder.ConfigureTestServices(services =>
        {
            services.AddTransient<TestApiKeyHandler>();
            services.Configure<AuthenticationOptions>(o => o.SchemeMap[ApiKeyAuthenticationHandler.SchemeName].HandlerType = typeof(TestApiKeyHandler));
        });
    }

    /// <summary>A partner's client that sends a new <c>Idempotency-Key</c> with every POST that names none (as a careful partner does).</summary>
    public HttpClient ClientFor(Guid partner, string environment = PartnerEnvironments.Live, string scopes = PartnerScopes.WebhooksManage)
    {
        var client = CreateDefaultClient(new FreshIdempotencyKeys());
        client.DefaultRequestHeaders.Add(TestApiKeyHandler.Header, $"{partner} {environment} {scopes}");
        return client;
    }

    /// <summary>A partner's client that sends only the headers a test gives it.</summary>
    public HttpClient BareClientFor(Guid partner, string environment = PartnerEnvironments.Live, string scopes = PartnerScopes.WebhooksManage)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(TestApiKeyHandler.Header, $"{partner} {environment} {scopes}");
        return client;
    }

    private sealed class FreshIdempotencyKeys : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && !request.Headers.Contains(IdempotencyHeaders.Key))
            {
                request.Headers.Add(IdempotencyHeaders.Key, Guid.NewGuid().ToString("N"));
            }
            return base.SendAsync(request, cancellationToken);
        }
    }

    public async Task<T> WithDbAsync<T>(Func<WebhookDbContext, Task<T>> work)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<WebhookDbContext>>().CreateDbContextAsync();
        return await work(db);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }
}
