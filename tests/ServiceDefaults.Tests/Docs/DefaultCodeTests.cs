using System.Net.Http.Json;
using System.Text.Json;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BffPlatform.ServiceDefaults.Tests.Docs;

/// <summary>
/// A problem raised with a bare status gets its code from the service defaults: that code must be
/// catalogued with that very status, or docs/error-codes.md would tell clients the wrong pair.
/// </summary>
public sealed class DefaultCodeTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults();
        _app = builder.Build();
        _app.UseServiceDefaults();
        _app.MapGet("/bare/{status:int}", (int status) => TypedResults.Problem(statusCode: status));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(409)]
    [InlineData(412)]
    [InlineData(413)]
    [InlineData(428)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Default_code_of_a_status_is_catalogued_with_that_status(int status)
    {
        using var response = await _client.GetAsync($"/bare/{status}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, (int)response.StatusCode);
        var code = problem.GetProperty("code").GetString()!;
        Assert.Equal(status, ErrorCatalogue.Find(code)?.Status);
        Assert.Equal(ErrorCodes.TypeUri(code), problem.GetProperty("type").GetString());
    }
}
