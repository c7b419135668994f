using System.Net;
using System.Text.Json;

namespace BffPlatform.ServiceDefaults.Tests;

public sealed class HealthTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();
    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Live_and_ready_answer_200_when_dependencies_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _app.Client.GetAsync("/health/live")).StatusCode);
        var ready = await _app.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task Ready_is_503_while_a_dependency_is_down_and_live_stays_200()
    {
        _app.DatabaseHealthy = false;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _app.Client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Client.GetAsync("/health/live")).StatusCode);
    }
}
