using BffPlatform.BffHosting.Upstream;
using BffPlatform.ServiceDefaults.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffMobile.Home;

/// <summary>The app's first screen in one round trip: featured products, my recent orders, my cart count.</summary>
internal static class HomeEndpoints
{
    public static WebApplicationBuilder AddHome(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HomeOptions>(builder.Configuration, HomeOptions.SectionName);
        builder.Services.AddSingleton<HomeMemory>();
        builder.Services.AddScoped<HomeComposer>();
        return builder;
    }

    public static RouteGroupBuilder MapHomeEndpoints(this IEndpointRouteBuilder api)
    {
        var home = api.MapGroup("/home").WithTags("Home").AllowAnonymous();
        home.MapGet("/", GetAsync)
            .WithName("GetHome")
            .WithSummary("Featured products, my recent orders and my cart count, fetched in parallel. A part core-api fails to give " +
                "is stale or missing (parts says which); 503/504 only when core-api cannot be reached at all. Visitors get the featured products.");
        return home;
    }

    private static async Task<Results<Ok<HomeDto>, UpstreamProblem>> GetAsync(HomeComposer composer, HttpContext context, CancellationToken cancellationToken)
    {
        var (home, failure) = await composer.ComposeAsync(context, cancellationToken);
        return home is not null ? TypedResults.Ok(home) : failure!;
    }
}
