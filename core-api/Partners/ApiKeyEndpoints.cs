using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Data;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// Staff issue, roll and revoke a partner's keys. A new key's secret is in the answer of the
/// call that created it and nowhere else: core-api keeps only its hash and display prefix.
/// </summary>
public static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder partners)
    {
        var keys = partners.MapGroup("/{id:guid}/keys").RequireAuthorization(Policies.PartnersAdmin);

        keys.MapGet("/", List)
            .WithName("ListApiKeys")
            .WithSummary("The partner's keys, newest first, revoked and expired ones included; never their secrets (staff).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapPost("/", Issue)
            .WithName("IssueApiKey")
            .WithSummary("A new key; its secret is in this answer only (staff; audited). Publishable keys hold catalog:read only.")
            .Produces<IssuedApiKeyDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapPost("/{keyId:guid}/roll", Roll)
            .WithName("RollApiKey")
            .WithSummary($"A successor with the same name, kind and scopes; the old key keeps working for overlapHours (0 to {PartnerLimits.MaxOverlapHours}) (staff; audited).")
            .Produces<IssuedApiKeyDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        keys.MapPost("/{keyId:guid}/revoke", Revoke)
            .WithName("RevokeApiKey")
            .WithSummary("Stops the key now; revoking again changes nothing (staff; audited).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return keys;
    }

    private static async Task<Results<Ok<IReadOnlyList<ApiKeyDto>>, ProblemHttpResult>> List(Guid id, CoreDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Partners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problem.NotFound("The partner");
        }
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.PartnerId == id)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApiKeyDto>>(keys.Select(PartnerReads.ToDto).ToList());
    }

    private static async Task<Results<Created<IssuedApiKeyDto>, ProblemHttpResult>> Issue(
        Guid id, IssueApiKeyRequest request, HttpContext http, CoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = PartnerValidation.Validate(request, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        if (!await db.Partners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problem.NotFound("The partner");
        }
        var (key, secret) = await NewKeyAsync(db, id, request.Name, request.Kind, request.Scopes, request.ExpiresAt, now, cancellationToken);
        PartnerAudit.Append(db, http.User, PartnerAuditActions.KeyIssued, id, key.Id,
            $"Issued {key.Kind} key '{key.Name}' {key.DisplayPrefix} with {key.Scopes}{Until(key.ExpiresAt)}.", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/partners/{id}/keys", new IssuedApiKeyDto(PartnerReads.ToDto(key), secret));
    }

    private static async Task<Results<Created<IssuedApiKeyDto>, ProblemHttpResult>> Roll(
        Guid id, Guid keyId, RollApiKeyRequest request, HttpContext http, CoreDbContext db, TimeProvider time, ApiKeyChangePublisher changes,
        CancellationToken cancellationToken)
    {
        var errors = PartnerValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        var old = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.PartnerId == id, cancellationToken);
        if (old is null)
        {
            return Problem.NotFound("The key");
        }
        var now = time.GetUtcNow();
        var refusal = old switch
        {
            { RevokedAt: not null } => "The key is revoked; issue a new key instead.",
            { RolledAt: not null } => "The key was rolled already; roll its successor.",
            { ExpiresAt: { } e } when e <= now => "The key has expired; issue a new key instead.",
            _ => null,
        };
        if (refusal is not null)
        {
            return Problem.Of(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The key cannot be rolled.", refusal);
        }

        // The successor keeps an explicit expiry of the old key; the old key ends after the overlap.
        var (key, secret) = await NewKeyAsync(db, id, old.Name, old.Kind, old.ScopeList, old.ExpiresAt, now, cancellationToken);
        var overlapEnd = now.AddHours(request.OverlapHours);
        old.ExpiresAt = old.ExpiresAt is { } explicitEnd && explicitEnd < overlapEnd ? explicitEnd : overlapEnd;
        old.RolledAt = now;
        PartnerAudit.Append(db, http.User, PartnerAuditActions.KeyRolled, id, old.Id,
            $"Rolled key '{old.Name}' {old.DisplayPrefix} to {key.DisplayPrefix}; the old key works until {old.ExpiresAt:O}.", now);
        await db.SaveChangesAsync(cancellationToken);
        // public-api caches the old key's expiry with its verification: the new, earlier end must reach it.
        await changes.PublishAsync([old.Hash]);
        return TypedResults.Created($"/api/v1/partners/{id}/keys", new IssuedApiKeyDto(PartnerReads.ToDto(key), secret));
    }

    private static async Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> Revoke(
        Guid id, Guid keyId, HttpContext http, CoreDbContext db, TimeProvider time, ApiKeyChangePublisher changes, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.PartnerId == id, cancellationToken);
        if (key is null)
        {
            return Problem.NotFound("The key");
        }
        if (key.RevokedAt is null)
        {
            var now = time.GetUtcNow();
            key.RevokedAt = now;
            PartnerAudit.Append(db, http.User, PartnerAuditActions.KeyRevoked, id, key.Id, $"Revoked key '{key.Name}' {key.DisplayPrefix}.", now);
            await db.SaveChangesAsync(cancellationToken);
        }
        // Also when it was revoked already: revoking again repeats an announcement Redis may have missed.
        await changes.PublishAsync([key.Hash]);
        return TypedResults.Ok(PartnerReads.ToDto(key));
    }

    /// <summary>
    /// Adds a key with a fresh secret to the context (unsaved). The display prefix carries 47 random
    /// bits, so a clash is astronomically rare; the unique index is the guarantee, this loop the courtesy.
    /// </summary>
    private static async Task<(ApiKey Key, string Secret)> NewKeyAsync(
        CoreDbContext db, Guid partnerId, string name, string kind, IEnumerable<string> scopes, DateTimeOffset? expiresAt,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var secret = ApiKeyFormat.Generate(kind);
            ApiKeyFormat.TryParse(secret, out var parsed);
            if (attempt < 3 && await db.ApiKeys.AnyAsync(k => k.DisplayPrefix == parsed!.DisplayPrefix, cancellationToken))
            {
                continue;
            }
            var key = new ApiKey
            {
                Id = Guid.CreateVersion7(now),
                PartnerId = partnerId,
                Name = name,
                Kind = kind,
                DisplayPrefix = parsed!.DisplayPrefix,
                Hash = ApiKeyFormat.Hash(secret),
                Scopes = string.Join(' ', PartnerScopes.All.Where(scopes.Contains)),
                CreatedAt = now,
                ExpiresAt = expiresAt,
            };
            db.ApiKeys.Add(key);
            return (key, secret);
        }
    }

    private static string Until(DateTimeOffset? expiresAt) => expiresAt is { } e ? $", expiring {e:O}" : "";
}
