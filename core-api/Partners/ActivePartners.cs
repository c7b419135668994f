using System.Collections.Concurrent;
using BffPlatform.CoreApi.Data;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// Whether a partner is active, asked on every call public-api makes for one. An active answer is
/// remembered for <see cref="Duration"/>: the query per call cost core-api about 300 µs of CPU, two
/// thirds of a cached catalog read (bench/run.sh). A deactivation on this instance is forgotten at
/// once; one made on another instance (or racing a read of the old row) holds for at most
/// <see cref="Duration"/>, well inside public-api's own key cache. Unknown or inactive partners are
/// never remembered, so an activation takes effect on the next call.
/// </summary>
public sealed class ActivePartners(TimeProvider time)
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    // Bounded by the number of active partners: only they are ever stored.
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _activeUntil = new();

    public async ValueTask<bool> IsActiveAsync(IServiceProvider services, Guid partnerId, CancellationToken cancellationToken)
    {
        if (_activeUntil.TryGetValue(partnerId, out var until) && until > time.GetUtcNow())
        {
            return true;
        }
        var db = services.GetRequiredService<CoreDbContext>();
        var active = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => (bool?)p.Active)
            .FirstOrDefaultAsync(cancellationToken) == true;
        if (active)
        {
            _activeUntil[partnerId] = time.GetUtcNow() + Duration;
        }
        else
        {
            _activeUntil.TryRemove(partnerId, out _);
        }
        return active;
    }

    /// <summary>After a change to the partner is committed: the next call reads it again.</summary>
    public void Forget(Guid partnerId) => _activeUntil.TryRemove(partnerId, out _);
}
