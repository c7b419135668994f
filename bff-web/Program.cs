using BffPlatform.BffWeb.Admin;
using BffPlatform.BffWeb.Authentication;
using BffPlatform.BffWeb.Carts;
using BffPlatform.BffWeb.Hosting;
using BffPlatform.BffWeb.Management;
using BffPlatform.BffWeb.OpenApi;
using BffPlatform.BffWeb.Orders;
using BffPlatform.BffWeb.Products;
using BffPlatform.BffWeb.Profile;
using BffPlatform.BffWeb.Proxy;
using BffPlatform.BffWeb.Sessions;
using BffPlatform.BffWeb.Spa;
using BffPlatform.BffWeb.Upstream;
using BffPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBffJson();
builder.AddServerSideSessions();
builder.AddBffAuthentication();
builder.AddBffManagement();
builder.AddCoreApiClients();
builder.AddCoreProxy();
builder.AddSpaHosting();
builder.AddBffOpenApi();

var app = builder.Build();

app.UseServiceDefaults();
app.UseSecurityHeaders();
app.UseSpaStaticFiles();
app.UseRouting();
app.UseMiddleware<CsrfHeaderMiddleware>();
app.UseAuthentication();
app.UseAuthorization();

app.MapBffOpenApi();
app.MapManagementEndpoints();
var api = app.MapGroup("/api").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
api.MapProductEndpoints();
api.MapCartEndpoints();
api.MapOrderEndpoints();
api.MapAdminOrderEndpoints();
api.MapProfileEndpoints();
api.MapSessionEndpoints();
app.MapCoreProxy();
app.MapSpa();

app.Run();

public partial class Program;
