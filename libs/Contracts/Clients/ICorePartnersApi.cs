using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using Refit;

namespace BffPlatform.Contracts.Clients;

/// <summary>
/// Partners and their API keys in core-api, for staff (a staff user's token with
/// <c>partners.admin</c>). Every write is audited.
/// </summary>
public interface ICorePartnersApi
{
    [Get("/api/v1/partners")]
    Task<IApiResponse<Page<PartnerDto>>> ListAsync([Query] string? cursor = null, [Query] int? pageSize = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/partners/{id}")]
    Task<IApiResponse<PartnerDto>> GetAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/api/v1/partners")]
    Task<IApiResponse<PartnerDto>> CreateAsync([Body] CreatePartnerRequest request, CancellationToken cancellationToken = default);

    [Put("/api/v1/partners/{id}")]
    Task<IApiResponse<PartnerDto>> UpdateAsync(Guid id, [Body] UpdatePartnerRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/partners/{id}/keys")]
    Task<IApiResponse<IReadOnlyList<ApiKeyDto>>> ListKeysAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/api/v1/partners/{id}/keys")]
    Task<IApiResponse<IssuedApiKeyDto>> IssueKeyAsync(Guid id, [Body] IssueApiKeyRequest request, CancellationToken cancellationToken = default);

    [Post("/api/v1/partners/{id}/keys/{keyId}/roll")]
    Task<IApiResponse<IssuedApiKeyDto>> RollKeyAsync(Guid id, Guid keyId, [Body] RollApiKeyRequest request, CancellationToken cancellationToken = default);

    [Post("/api/v1/partners/{id}/keys/{keyId}/revoke")]
    Task<IApiResponse<ApiKeyDto>> RevokeKeyAsync(Guid id, Guid keyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Staff, or public-api acting for this very partner. The days go as ISO dates: Refit would
    /// otherwise write the invariant culture's <c>11/01/2026</c>.
    /// </summary>
    [Get("/api/v1/partners/{id}/usage")]
    Task<IApiResponse<IReadOnlyList<UsageDayDto>>> GetUsageAsync(
        Guid id, [Query(Format = "yyyy-MM-dd")] DateOnly? from = null, [Query(Format = "yyyy-MM-dd")] DateOnly? to = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/partners/audit")]
    Task<IApiResponse<Page<PartnerAuditEntryDto>>> ListAuditAsync([Query] Guid? partnerId = null, [Query] string? cursor = null, [Query] int? pageSize = null, CancellationToken cancellationToken = default);
}

/// <summary>public-api's own calls (its client-credentials token with <c>partners.act</c>).</summary>
public interface ICorePartnerGatewayApi
{
    /// <summary>200 with what the key proves; 401 <c>api_key_invalid</c> for an unknown, revoked or expired key.</summary>
    [Post("/api/v1/partners/keys/verify")]
    Task<IApiResponse<ApiKeyVerificationDto>> VerifyKeyAsync([Body] VerifyApiKeyRequest request, CancellationToken cancellationToken = default);

    [Put("/api/v1/partners/usage")]
    Task<IApiResponse> ReportUsageAsync([Body] UsageReportRequest request, CancellationToken cancellationToken = default);
}
