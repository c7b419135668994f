using BffPlatform.LocalBalancer;
using BffPlatform.ServiceDefaults.Options;

// The load balancer of ./run.sh --scaled (docs/deployment.md): listens on each balanced
// service's usual port on 127.0.0.1 and spreads requests round-robin over that service's healthy
// instances. Local development only; in a cluster, Services and the Ingress do this.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddValidatedOptions<BalancerOptions, BalancerOptionsValidator>(builder.Configuration, BalancerOptions.SectionName);
var options = builder.Configuration.GetSection(BalancerOptions.SectionName).Get<BalancerOptions>() ?? new BalancerOptions();
builder.WebHost.UseUrls([.. options.Services.Values.Select(s => $"http://127.0.0.1:{s.Port}")]);
var (routes, clusters) = BalancerConfig.From(options);
builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
