using BffPlatform.Identity.Account;
using BffPlatform.Identity.Connect;
using BffPlatform.Identity.Data;
using BffPlatform.Identity.Server;
using BffPlatform.ServiceDefaults;
using BffPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(DatabaseMigrationSetup.ReadSwitch(args));
builder.AddServiceDefaults();
builder.AddIdentityServer();

var app = builder.Build();

// The migration step (scaled out: the Kubernetes Job before a new version starts) serves nothing.
if (await app.RunMigrationStepAsync() is { } exitCode)
{
    return exitCode;
}

// First of all (ServiceDefaults): the client's address from trusted proxies (ForwardedHeaders), which the per-IP sign-in throttle counts.
app.UseServiceDefaults();
app.UseHttpsOnlyOutsideDevelopment();
// CORS on the token endpoint only: core-api's Swagger UI fetches tokens from the browser.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/" + OpenIddictSetup.TokenUri),
    branch => branch.UseCors(IdentityServerSetup.TokenCorsPolicy));
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAntiforgery();
app.MapAccountEndpoints();
app.MapConnectEndpoints();
await app.RunAsync();
return 0;

public partial class Program;
