using System.Net.Http.Json;
using BffPlatform.Contracts.Orders;
using BffPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BffPlatform.ServiceDefaults.Tests;

/// <summary>A small service built the way every platform service is, on a real loopback socket.</summary>
public sealed class TestApp : IAsyncLifetime
{
    private WebApplication? _app;
    public bool DatabaseHealthy { get; set; } = true;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Kestrel:Limits:MaxRequestBodySize"] = "1024";
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("database",
            () => DatabaseHealthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("down"),
            [Health.HealthEndpoints.ReadyTag]);

        _app = builder.Build();
        _app.UseServiceDefaults();
        _app.MapPost("/orders", (CreateOrderRequest request) => TypedResults.Ok(request.Lines.Count));
        _app.MapPost("/status", (ChangeOrderStatusRequest request) => TypedResults.Ok(request.Status));
        _app.MapGet("/boom", string () => throw new InvalidOperationException("secret connection string Password=hunter2"));
        _app.MapGet("/items/{id:int}", (int id) => TypedResults.Ok(id));
        _app.MapGet("/page", (int? limit, DateOnly? from) => TypedResults.Ok(limit ?? 0));
        // What EF Core throws when SQLite's write lock stays taken past the busy timeout.
        _app.MapGet("/locked", string () => throw new Microsoft.EntityFrameworkCore.DbUpdateException("save failed",
            new Microsoft.Data.Sqlite.SqliteException("SQLite Error 5: 'database is locked' on INSERT INTO secret_table", 5)));
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
}
