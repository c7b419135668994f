using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Carts;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Idempotency;
using BffPlatform.CoreApi.OpenApi;
using BffPlatform.CoreApi.Orders;
using BffPlatform.CoreApi.Outbox;
using BffPlatform.CoreApi.Partners;
using BffPlatform.CoreApi.Ping;
using BffPlatform.CoreApi.Products;
using BffPlatform.CoreApi.Sync;
using BffPlatform.CoreApi.Users;
using BffPlatform.ServiceDefaults;
using BffPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(DatabaseMigrationSetup.ReadSwitch(args));

builder.AddServiceDefaults();
builder.AddCoreAuth();
builder.AddCoreData();
builder.AddCoreOpenApi();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddUsers();
builder.AddProducts();
builder.AddIdempotency();
builder.AddOrders();
builder.AddSync();
builder.AddPartners();

var app = builder.Build();

// The migration step (scaled out: the Kubernetes Job before a new version starts) serves nothing.
if (await app.RunMigrationStepAsync() is { } exitCode)
{
    return exitCode;
}

app.UseServiceDefaults();
app.UseCoreOpenApi();
app.UseAuthentication();
app.UseAuthorization();

// Every route needs a valid token (401) and most a scope or a role (403): said once, here.
var api = app.MapGroup("/api/v1")
    .WithUserSync()
    .WithPartnerActing()
    .ProducesProblem(StatusCodes.Status401Unauthorized)
    .ProducesProblem(StatusCodes.Status403Forbidden);
api.MapPing();
api.MapUsers();
api.MapProducts();
api.MapCarts();
api.MapOrders().MapOrderChanges();
api.MapOutbox();
api.MapPartners();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
