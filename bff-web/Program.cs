using BffPlatform.BffHosting.OpenApi;
using BffPlatform.BffHosting.Proxy;
using BffPlatform.BffHosting.RateLimiting;
using BffPlatform.BffWeb.Admin;
using BffPlatform.BffWeb.Admin.Partners;
using BffPlatform.BffWeb.Authentication;
using BffPlatform.BffWeb.Carts;
using BffPlatform.BffWeb.Hosting;
using BffPlatform.BffWeb.Management;
using BffPlatform.BffWeb.OpenApi;
using BffPlatform.BffWeb.Orders;
using BffPlatform.BffWeb.Products;
using BffPlatform.BffWeb.Profile;
using BffPlatform.BffWeb.Sessions;
using BffPlatform.BffWeb.Spa;
using BffPlatform.BffWeb.Upstream;
using BffPlatform.ServiceDefaults;
using BffPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(DatabaseMigrationSetup.ReadSwitch(args));

builder.AddServiceDefaults();
builder.AddServerSideSessions();
builder.AddBffAuthentication();
builder.AddBffManagement();
builder.AddCoreApi();
builder.AddBffRateLimiting();
builder.AddSpaHosting();
builder.AddBffOpenApi();

var app = builder.Build();

// The migration step (scaled out: the Kubernetes Job before a new version starts) serves nothing.
if (await app.RunMigrationStepAsync() is { } exitCode)
{
    return exitCode;
}

app.UseServiceDefaults();
app.UseSpaStaticFiles();
app.UseRouting();
app.UseMiddleware<CsrfHeaderMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.UseDoorRateLimiting();

app.MapDoorOpenApi();
app.MapManagementEndpoints();
var api = app.MapGroup("/api").RequireAuthorization().RequireDoorRateLimit(RateLimits.Policy).ProducesProblem(StatusCodes.Status401Unauthorized);
api.MapProductEndpoints();
api.MapCartEndpoints();
api.MapOrderEndpoints();
api.MapAdminOrderEndpoints();
api.MapAdminPartnerEndpoints();
api.MapProfileEndpoints();
api.MapSessionEndpoints();
app.MapCoreProxy().RequireDoorRateLimit(RateLimits.Policy);
app.MapSpa();

await app.RunAsync();
return 0;

public partial class Program;
