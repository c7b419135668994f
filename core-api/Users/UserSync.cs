using System.Security.Claims;
using BffPlatform.Contracts.Users;
using BffPlatform.CoreApi.Data;
using BffPlatform.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BffPlatform.CoreApi.Users;

/// <summary>
/// Keeps the user row in step with the identity provider's claims. Cheap on the hot path: a
/// memory note per subject skips the database entirely while the claims are unchanged and the
/// last-seen time was written less than <see cref="LastSeenResolution"/> ago. Service callers
/// never get a row.
/// </summary>
public sealed class UserSync(IMemoryCache memory, IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private sealed record Seen(string Email, string Name, string Role, DateTimeOffset WrittenAt);

    // A user's first page load fires several calls at once; serialising them per subject (striped,
    // so memory stays bounded) lets one insert the row and the others find the note, instead of
    // racing into a unique-key violation that EF logs as an error. Across instances the race
    // remains possible and the retry in UpsertAsync handles it.
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async ValueTask EnsureAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!caller.IsUserCaller() || caller.SubjectId() is not { Length: > 0 and <= UserConfiguration.IdMaxLength } subject)
        {
            return;
        }
        var email = Truncate(caller.FindFirstValue("email"), UserConfiguration.EmailMaxLength);
        var name = Truncate(caller.FindFirstValue("name"), UserConfiguration.NameMaxLength);
        var role = RoleOf(caller);
        var now = time.GetUtcNow();

        var noteKey = ("user-sync", subject);
        if (IsCurrent(noteKey, email, name, role, now))
        {
            return;
        }

        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(subject) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            if (IsCurrent(noteKey, email, name, role, now))
            {
                return;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            var writtenAt = await UpsertAsync(db, subject, email, name, role, now, cancellationToken);
            memory.Set(noteKey, new Seen(email ?? "", name ?? "", role, writtenAt),
                new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        }
        finally
        {
            stripe.Release();
        }
    }

    private bool IsCurrent(object noteKey, string? email, string? name, string role, DateTimeOffset now) =>
        memory.TryGetValue(noteKey, out Seen? seen) && seen is not null &&
        seen.Email == (email ?? "") && seen.Name == (name ?? "") && seen.Role == role &&
        now - seen.WrittenAt < LastSeenResolution;

    private static Task<DateTimeOffset> UpsertAsync(
        CoreDbContext db, string subject, string? email, string? name, string role, DateTimeOffset now, CancellationToken cancellationToken) =>
        // Two first requests of a new user (on two instances) may race to insert the row: the
        // loser's second attempt reads the winner's row and applies the claims on top.
        RaceRetry.RunAsync(db, async ct =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == subject, ct);
            if (user is null)
            {
                db.Users.Add(new User { Id = subject, Email = email, Name = name, Role = role, CreatedAt = now, LastSeenAt = now });
            }
            else
            {
                var changed = user.Email != email || user.Name != name || user.Role != role;
                if (!changed && now - user.LastSeenAt < LastSeenResolution)
                {
                    return user.LastSeenAt;
                }
                user.Email = email;
                user.Name = name;
                user.Role = role;
                user.LastSeenAt = now;
            }
            await db.SaveChangesAsync(ct);
            return now;
        }, cancellationToken, attempts: 2);

    /// <summary>The platform knows two roles; anything else (or none) is a customer.</summary>
    public static string RoleOf(ClaimsPrincipal caller) =>
        caller.IsInRole(Roles.Staff) ? Roles.Staff : Roles.Customer;

    private static string? Truncate(string? value, int max) =>
        value is { Length: > 0 } ? (value.Length > max ? value[..max] : value) : null;
}

/// <summary>Runs <see cref="UserSync"/> before every endpoint of the group it is added to.</summary>
internal sealed class UserSyncFilter(UserSync sync) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await sync.EnsureAsync(http.User, http.RequestAborted);
        }
        return await next(context);
    }
}
