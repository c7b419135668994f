using System.Security.Claims;

namespace BffPlatform.PublicApi.Keys;

/// <summary>What the API key of the current request proved, read from its <see cref="ApiKeyClaims"/>.</summary>
public static class PartnerCaller
{
    public static Guid? PartnerId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ApiKeyClaims.PartnerId), out var id) ? id : null;

    public static Guid? KeyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ApiKeyClaims.KeyId), out var id) ? id : null;

    public static string? PartnerEnvironment(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyClaims.Environment);

    public static string? KeyKind(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyClaims.Kind);

    public static string? Plan(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyClaims.Plan);

    public static IReadOnlyList<string> PartnerScopes(this ClaimsPrincipal user) =>
        [.. user.FindAll(ApiKeyClaims.Scope).Select(c => c.Value)];

    public static bool HasPartnerScope(this ClaimsPrincipal user, string scope) => user.HasClaim(ApiKeyClaims.Scope, scope);
}
