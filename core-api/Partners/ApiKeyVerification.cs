using System.Security.Cryptography;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Data;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// public-api asks whether a key is good: the format and checksum first (no lookup for garbage),
/// then the key with that display prefix, its SHA-256 compared in constant time. An unknown
/// key, a hash mismatch and a key of an inactive partner all answer <c>api_key_invalid</c>.
/// </summary>
public static class ApiKeyVerification
{
    public static RouteHandlerBuilder MapKeyVerification(this RouteGroupBuilder partners) =>
        partners.MapPost("/keys/verify", Verify)
            .RequireAuthorization(Policies.PartnersAct)
            .WithName("VerifyApiKey")
            .WithSummary("What a key proves (public-api only, partners.act); 401 api_key_malformed, api_key_invalid, api_key_revoked or api_key_expired.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<ApiKeyVerificationDto>, ProblemHttpResult>> Verify(
        VerifyApiKeyRequest request, CoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TryParse(request.Key, out var parsed))
        {
            return Refuse(ErrorCodes.ApiKeyMalformed, "The value is not an API key of this platform.");
        }
        var found = await db.ApiKeys.AsNoTracking()
            .Where(k => k.DisplayPrefix == parsed.DisplayPrefix)
            .Join(db.Partners.AsNoTracking(), k => k.PartnerId, p => p.Id, (k, p) => new { Key = k, Partner = p })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null || !CryptographicOperations.FixedTimeEquals(found.Key.Hash, ApiKeyFormat.Hash(parsed.Value)))
        {
            return Refuse(ErrorCodes.ApiKeyInvalid, "The API key is not valid.");
        }
        var key = found.Key;
        if (key.RevokedAt is not null)
        {
            return Refuse(ErrorCodes.ApiKeyRevoked, "The API key was revoked.");
        }
        if (key.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return Refuse(ErrorCodes.ApiKeyExpired, "The API key has expired.");
        }
        if (!found.Partner.Active)
        {
            // Said as "invalid": a caller holding the key learns nothing about the partner's state.
            return Refuse(ErrorCodes.ApiKeyInvalid, "The API key is not valid.");
        }
        return TypedResults.Ok(new ApiKeyVerificationDto(key.Id, key.PartnerId, found.Partner.Name, found.Partner.Plan, key.Kind,
            ApiKeyFormat.EnvironmentOf(key.Kind), key.ScopeList, key.ExpiresAt));
    }

    private static ProblemHttpResult Refuse(string code, string title) => Problem.Of(StatusCodes.Status401Unauthorized, code, title);
}
