using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Users;
using Refit;

namespace BffPlatform.Contracts.Clients;

public interface ICoreUsersApi
{
    /// <summary>The calling user's record, refreshed from the token.</summary>
    [Get("/api/v1/users/me")]
    Task<IApiResponse<UserDto>> GetMeAsync(CancellationToken cancellationToken = default);

    /// <summary>Staff and services with <c>users.read</c>.</summary>
    [Get("/api/v1/users")]
    Task<IApiResponse<Page<UserDto>>> ListAsync([Query] string? cursor = null, [Query] int? pageSize = null, CancellationToken cancellationToken = default);
}
