using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Users;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Paging;
using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Users;

public static class UserEndpoints
{
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<UserSync>();
        services.AddSingleton<UserSyncFilter>();
        return services;
    }

    /// <summary>Refreshes the caller's user row from the token on every call of the group.</summary>
    public static TBuilder WithUserSync<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, UserSyncFilter>();

    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");

        users.MapGet("/me", GetMe)
            .RequireAuthorization(Policies.User)
            .WithName("GetMe")
            .WithSummary("The calling user's record, refreshed from the token's claims.");

        users.MapGet("/", List)
            .RequireAuthorization(Policies.UsersRead)
            .WithName("ListUsers")
            .WithSummary("All users, by id (staff, or a service with users.read).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        return users;
    }

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetMe(HttpContext http, CoreDbContext db, CancellationToken cancellationToken)
    {
        var subject = http.User.SubjectId();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == subject, cancellationToken);
        return user is null ? Problem.NotFound("The user") : TypedResults.Ok(ToDto(user));
    }

    private sealed record UserCursor(string Id);

    private static async Task<Results<Ok<Page<UserDto>>, ProblemHttpResult>> List(
        CoreDbContext db, string? cursor, int? pageSize, CancellationToken cancellationToken)
    {
        if (!Pagination.TryPageSize(pageSize, out var problem, out var size))
        {
            return problem;
        }
        if (!Cursor<UserCursor>.TryDecode(cursor, out var after))
        {
            return Pagination.InvalidCursor();
        }
        var query = db.Users.AsNoTracking();
        if (after is not null)
        {
            query = query.Where(u => string.Compare(u.Id, after.Id) > 0);
        }
        var rows = await query.OrderBy(u => u.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? Cursor<UserCursor>.Encode(new UserCursor(rows[size - 1].Id)) : null;
        return TypedResults.Ok(new Page<UserDto>(rows.Take(size).Select(ToDto).ToList(), next));
    }

    public static UserDto ToDto(User u) => new(u.Id, u.Email, u.Name, u.Role, u.CreatedAt, u.LastSeenAt);
}
