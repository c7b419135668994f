using BffPlatform.PublicApi.Webhooks;
using BffPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebhooks();

var app = builder.Build();

app.UseServiceDefaults();
app.MapWebhookEndpoints();

app.Run();

public partial class Program;
