using System.Net;
using BffPlatform.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BffPlatform.ScaledOut.Tests.Deploy;

/// <summary>
/// deploy/local-balancer, the load balancer of <c>./run.sh --scaled</c>: round-robin over the
/// instances, the caller's Host kept (as an Ingress does), an instance that fails its readiness
/// probe taken out of rotation, and a configuration without instances refused at start.
/// </summary>
public sealed class LocalBalancerTests
{
    [Fact]
    public async Task Spreads_requests_round_robin_keeps_the_host_and_skips_an_instance_that_is_not_ready()
    {
        await using var a = await Instance.StartAsync("a");
        await using var b = await Instance.StartAsync("b");
        var port = FreePort.Next();
        await using var balancer = ServiceProcess.Start(RepoPaths.Root, Path.GetTempPath(), "local-balancer", "deploy/local-balancer",
            "BffPlatform.LocalBalancer", port, new Dictionary<string, string>
            {
                ["Balancer:Services:shop:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Balancer:Services:shop:Destinations:0"] = a.Url,
                ["Balancer:Services:shop:Destinations:1"] = b.Url,
                ["Balancer:HealthInterval"] = "00:00:00.500",
            });
        await balancer.WaitUntilReadyAsync("/who", TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri(balancer.BaseUrl) };

        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await http.GetStringAsync("/who"));
        }
        Assert.Equal(3, answers.Count(x => x == $"a 127.0.0.1:{port}"));
        Assert.Equal(3, answers.Count(x => x == $"b 127.0.0.1:{port}"));

        b.Ready = false;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var lastSix = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            lastSix.Clear();
            for (var i = 0; i < 6; i++)
            {
                lastSix.Add(await http.GetStringAsync("/who"));
            }
            if (lastSix.All(x => x.StartsWith("a ", StringComparison.Ordinal)))
            {
                break;
            }
            await Task.Delay(250);
        }
        Assert.All(lastSix, x => Assert.StartsWith("a ", x, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_without_instances_stops_the_balancer_at_start_naming_the_key()
    {
        var port = FreePort.Next();
        await using var balancer = ServiceProcess.Start(RepoPaths.Root, Path.GetTempPath(), "local-balancer-bad", "deploy/local-balancer",
            "BffPlatform.LocalBalancer", port, new Dictionary<string, string>
            {
                ["Balancer:Services:shop:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => balancer.WaitUntilReadyAsync("/", TimeSpan.FromSeconds(60)));
        Assert.Contains("Balancer:Services:shop:Destinations", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>An instance behind the balancer: names itself and the Host it was called with; its readiness can be switched off.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly WebApplication _app;
        public string Url { get; }
        public bool Ready { get; set; } = true;

        private Instance(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public static async Task<Instance> StartAsync(string name)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            Instance? self = null;
            app.MapGet("/health/ready", () => self!.Ready ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
            app.MapGet("/who", (HttpRequest request) => $"{name} {request.Host}");
            await app.StartAsync();
            self = new Instance(app, app.Urls.Single());
            return self;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
