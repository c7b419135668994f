using Yarp.ReverseProxy.Configuration;

// A bare YARP hop: every request forwarded as-is (Authorization included) to Destination.
// No authentication, sessions, logging or transforms: what "just a proxy" costs on this machine.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var destination = builder.Configuration["Destination"] ?? throw new InvalidOperationException("Set Destination (core-api's base address).");
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "core", Match = new RouteMatch { Path = "/{**rest}" } }],
    [new ClusterConfig { ClusterId = "core", Destinations = new Dictionary<string, DestinationConfig> { ["core"] = new() { Address = destination } } }]);

var app = builder.Build();
// The machine's ceiling for bench/run.sh: a trivial answer from bare Kestrel, no proxying at all.
app.MapGet("/bench/ceiling", () => "ok");
app.MapReverseProxy();
app.Run();
