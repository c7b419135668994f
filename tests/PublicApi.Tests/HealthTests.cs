using System.Net;
using BffPlatform.PublicApi.Tests.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BffPlatform.PublicApi.Tests;

public sealed class HealthTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
    {
        foreach (var (key, value) in WebhookTestSettings.Isolated()) builder.UseSetting(key, value);
    });

    [Fact]
    public async Task Liveness_answers_ok()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_includes_the_webhook_database()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
