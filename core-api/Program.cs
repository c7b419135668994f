using BffPlatform.CoreApi.Auth;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.OpenApi;
using BffPlatform.CoreApi.Ping;
using BffPlatform.CoreApi.Products;
using BffPlatform.CoreApi.Users;
using BffPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCoreAuth();
builder.AddCoreData();
builder.AddCoreOpenApi();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddUsers();
builder.AddProducts();

var app = builder.Build();

app.UseServiceDefaults();
app.UseCoreOpenApi();
app.UseAuthentication();
app.UseAuthorization();

var api = app.MapGroup("/api/v1").WithUserSync();
api.MapPingEndpoints();
api.MapUserEndpoints();
api.MapProductEndpoints();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
