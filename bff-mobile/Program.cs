using BffPlatform.BffHosting.Http;
using BffPlatform.BffHosting.OpenApi;
using BffPlatform.BffHosting.RateLimiting;
using BffPlatform.BffMobile.Authentication;
using BffPlatform.BffMobile.Cart;
using BffPlatform.BffMobile.Catalog;
using BffPlatform.BffMobile.Home;
using BffPlatform.BffMobile.Hosting;
using BffPlatform.BffMobile.OpenApi;
using BffPlatform.BffMobile.Orders;
using BffPlatform.BffMobile.Profile;
using BffPlatform.BffMobile.Upstream;
using BffPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMobileAuthentication();
builder.AddCoreApi();
builder.AddMobileApiRules();
builder.AddDoorCompression();
builder.AddHome();
builder.AddMobileOpenApi();

var app = builder.Build();

app.UseDoorCompression();
app.UseServiceDefaults();
app.UseDoorApiDocs("bff-mobile", OpenApiSetup.DocumentName);
app.UseRouting();
app.UseAuthentication();
app.UsePresentedTokenMustBeValid();
app.UseAuthorization();
app.UseDoorRateLimiting();
app.UseAppVersionCheck();
app.UseDoorConditionalGet();

app.MapDoorOpenApi();
var api = app.MapGroup(MobileApi.Prefix)
    .RequireAuthorization()
    .RequireDoorRateLimit(MobileApi.RateLimitPolicy)
    .ProducesProblem(StatusCodes.Status401Unauthorized)
    .ProducesProblem(StatusCodes.Status429TooManyRequests);
api.MapHomeEndpoints();
api.MapCatalogEndpoints();
api.MapCartEndpoints();
api.MapOrderEndpoints();
api.MapProfileEndpoints();

app.Run();

public partial class Program;
