using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffMobile.Profile;

/// <summary>The signed-in user as the app's profile screen shows them.</summary>
internal static class ProfileEndpoints
{
    public static RouteGroupBuilder MapProfileEndpoints(this IEndpointRouteBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Profile");
        me.MapGet("/", GetAsync).WithName("GetProfile").WithSummary("My name and e-mail.");
        return me;
    }

    private static async Task<Results<Ok<ProfileDto>, UpstreamProblem>> GetAsync(ICoreUsersApi core, CancellationToken cancellationToken) =>
        UpstreamResults.Shaped(await core.GetMeAsync(cancellationToken), u => new ProfileDto(u.Name, u.Email));
}

public sealed record ProfileDto(string? Name, string? Email);
