using BffPlatform.ServiceDefaults.Options;

namespace BffPlatform.PublicApi.Versions;

public static class VersionSetup
{
    public static WebApplicationBuilder AddApiVersions(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DeprecationOptions>(builder.Configuration, DeprecationOptions.SectionName);
        return builder;
    }

    public static IApplicationBuilder UseDeprecationHeaders(this IApplicationBuilder app) => app.UseMiddleware<DeprecationHeadersMiddleware>();
}
