using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// The demo partner of <see cref="DemoPartnerOptions"/> and its configured keys, with a stable id;
/// adds only what is missing, so a restart changes nothing. The database initializer calls it in
/// Development only: these keys' secrets are public, in the repository.
/// </summary>
internal sealed class DemoPartnerSeeder(CoreDbContext db, IOptions<DemoPartnerOptions> options, TimeProvider time)
{
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.Configured)
        {
            return false;
        }
        var now = time.GetUtcNow();
        var id = StableId(demo.Name!);
        var added = false;
        if (!await db.Partners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            db.Partners.Add(new Partner { Id = id, Name = demo.Name!, Plan = demo.Plan, Active = true, CreatedAt = now, UpdatedAt = now });
            added = true;
        }
        added |= await AddKeyAsync(id, "Demo test key", demo.TestKey, PartnerScopes.All, now, cancellationToken);
        added |= await AddKeyAsync(id, "Demo publishable key", demo.PublishableKey, [PartnerScopes.CatalogRead], now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    private async Task<bool> AddKeyAsync(Guid partnerId, string name, string? secret, IReadOnlyList<string> scopes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TryParse(secret, out var parsed) || await db.ApiKeys.AnyAsync(k => k.DisplayPrefix == parsed.DisplayPrefix, cancellationToken))
        {
            return false;
        }
        db.ApiKeys.Add(new ApiKey
        {
            Id = StableId(parsed.DisplayPrefix),
            PartnerId = partnerId,
            Name = name,
            Kind = parsed.Kind,
            DisplayPrefix = parsed.DisplayPrefix,
            Hash = ApiKeyFormat.Hash(parsed.Value),
            Scopes = string.Join(' ', scopes),
            CreatedAt = now,
        });
        return true;
    }

    /// <summary>A name-based id (as the demo catalog's), so the demo partner's links survive a reset of the database.</summary>
    public static Guid StableId(string name) => DemoCatalog.IdFor("partner:" + name);
}
