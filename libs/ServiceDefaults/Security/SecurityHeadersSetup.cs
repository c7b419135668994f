using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BffPlatform.ServiceDefaults.Security;

internal static class SecurityHeadersSetup
{
    public static void AddPlatformSecurityHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityHeadersOptions>();
        // Naming the server tells an attacker which vulnerabilities to try first.
        builder.Services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        // One year, sub-domains included; sent on https answers only, never to loopback hosts.
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
    }

    public static void UsePlatformSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
    }
}
