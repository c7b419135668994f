using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace BffPlatform.BffWeb.Hosting;

public static class JsonSetup
{
    /// <summary>
    /// Numbers are numbers: the web defaults also read "12" as 12, which makes every number
    /// <c>number | string</c> in the OpenAPI document and in the SPA's generated types.
    /// </summary>
    public static WebApplicationBuilder AddBffJson(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        return builder;
    }
}
