using BffPlatform.BffHosting.RateLimiting;
using BffPlatform.PublicApi.Catalog;
using BffPlatform.PublicApi.Cors;
using BffPlatform.PublicApi.Idempotency;
using BffPlatform.PublicApi.Keys;
using BffPlatform.PublicApi.OpenApi;
using BffPlatform.PublicApi.Orders;
using BffPlatform.PublicApi.Ping;
using BffPlatform.PublicApi.RateLimits;
using BffPlatform.PublicApi.Upstream;
using BffPlatform.PublicApi.Usage;
using BffPlatform.PublicApi.Versions;
using BffPlatform.PublicApi.Webhooks;
using BffPlatform.ServiceDefaults;
using BffPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(DatabaseMigrationSetup.ReadSwitch(args));

builder.AddServiceDefaults();
builder.AddApiKeys();
builder.AddCoreApi();
builder.AddPlanRateLimiting();
builder.AddUsage();
builder.AddPartnerCors();
builder.AddApiVersions();
builder.AddPublicApiOpenApi();
builder.AddWebhooks();
builder.AddPartnerIdempotency();

var app = builder.Build();

// The migration step (scaled out: the Kubernetes Job before a new version starts) serves nothing.
if (await app.RunMigrationStepAsync() is { } exitCode)
{
    return exitCode;
}

app.UseServiceDefaults();
app.UseDeprecationHeaders();
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseUsageCounting();
app.UseAuthorization();
app.UseDoorRateLimiting();

app.MapPublicApiDocs();
foreach (var version in ApiVersion.All)
{
    var api = app.MapGroup(version.Prefix).WithGroupName(version.Name)
        .RequireAuthorization().RequirePlanRateLimit()
        .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
    api.MapPingEndpoint();
    api.MapCatalogEndpoints(version);
    api.MapOrderEndpoints(version);
    api.MapUsageEndpoints();
    api.MapWebhookEndpoints(version);
}

await app.RunAsync();
return 0;

public partial class Program;
