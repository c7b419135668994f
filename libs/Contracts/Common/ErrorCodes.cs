namespace BffPlatform.Contracts.Common;

/// <summary>
/// Stable error codes. Every Problem Details answer of every service carries one of these
/// as its <c>code</c> extension and <see cref="TypeUri"/> of it as its <c>type</c>.
/// Codes are part of the public contract: add new ones, never rename.
/// </summary>
public static class ErrorCodes
{
    public const string TypeBase = "https://bffplatform.dev/errors/";

    public const string ValidationFailed = "validation_failed";
    public const string MalformedRequest = "malformed_request";
    public const string InvalidCursor = "invalid_cursor";
    public const string PayloadTooLarge = "payload_too_large";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string CsrfHeaderMissing = "csrf_header_missing";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string UriTooLong = "uri_too_long";
    public const string Conflict = "conflict";
    public const string SkuTaken = "sku_taken";
    public const string InsufficientStock = "insufficient_stock";
    public const string ProductInactive = "product_inactive";
    public const string CurrencyMismatch = "currency_mismatch";
    public const string CartEmpty = "cart_empty";
    public const string IllegalStatusTransition = "illegal_status_transition";
    public const string IdempotencyRequestInFlight = "idempotency_request_in_flight";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string PreconditionRequired = "precondition_required";
    public const string PreconditionFailed = "precondition_failed";
    public const string RateLimited = "rate_limited";
    public const string RateLimitUnavailable = "rate_limit_unavailable";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string UpstreamTimeout = "upstream_timeout";
    public const string UpstreamInvalidResponse = "upstream_invalid_response";
    public const string SessionExpired = "session_expired";
    public const string InvalidReturnUrl = "invalid_return_url";
    public const string HttpsRequired = "https_required";
    public const string InternalError = "internal_error";
    public const string DatabaseUnavailable = "database_unavailable";

    // Mobile (bff-mobile) and delta sync (core-api's order changes).
    public const string InvalidSyncToken = "invalid_sync_token";
    public const string SyncTokenExpired = "sync_token_expired";
    public const string AppUpdateRequired = "app_update_required";

    // Partners (public-api and core-api's partner store).
    public const string ApiKeyMissing = "api_key_missing";
    public const string ApiKeyMalformed = "api_key_malformed";
    public const string ApiKeyInvalid = "api_key_invalid";
    public const string ApiKeyRevoked = "api_key_revoked";
    public const string ApiKeyExpired = "api_key_expired";
    public const string PartnerInactive = "partner_inactive";
    public const string InsufficientScope = "insufficient_scope";
    public const string SecretKeyInBrowser = "secret_key_in_browser";
    public const string IdempotencyKeyMissing = "idempotency_key_missing";
    public const string WebhookUrlInvalid = "webhook_url_invalid";

    public static string TypeUri(string code) => TypeBase + code.Replace('_', '-');
}
