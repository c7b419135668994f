using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffWeb.Profile;

internal static class ProfileEndpoints
{
    public static RouteHandlerBuilder MapProfileEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/me", GetAsync)
            .WithTags("Profile")
            .WithName("GetMe")
            .WithSummary("My profile as core-api knows it.");

    private static async Task<Results<UpstreamOk<UserDto>, UpstreamProblem>> GetAsync(ICoreUsersApi core, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetMeAsync(cancellationToken));
}
