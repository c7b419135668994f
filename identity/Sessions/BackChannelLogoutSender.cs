using BffPlatform.Identity.Configuration;
using BffPlatform.Identity.Keys;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.Identity.Sessions;

/// <summary>
/// OpenID Connect Back-Channel Logout 1.0, sending side (OpenIddict has none): a signed logout
/// token per client, POSTed form-encoded as <c>logout_token</c>. A client that is down must not
/// block sign-out, so failures are logged, never thrown, and each POST has a short timeout.
/// </summary>
public sealed class BackChannelLogoutSender(
    IHttpClientFactory httpClients,
    KeyRing keys,
    TimeProvider time,
    IOptions<IdentityServerOptions> options,
    ILogger<BackChannelLogoutSender> logger)
{
    public const string HttpClientName = "backchannel-logout";
    public const string TokenType = "logout+jwt";
    public const string EventType = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>How long a logout token is valid: long enough for one delivery, short against replay.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(2);

    public string CreateLogoutToken(string clientId, string subject, string sessionId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = clientId,
            IssuedAt = now,
            Expires = now + TokenLifetime,
            TokenType = TokenType,
            SigningCredentials = keys.CurrentSigningCredentials,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                ["sid"] = sessionId,
                ["jti"] = Guid.NewGuid().ToString("N"),
                // The spec requires a JSON object whose member is the event type with an empty object.
                ["events"] = new Dictionary<string, object> { [EventType] = new Dictionary<string, object>() },
            },
        };
        // No nbf and never a nonce (the spec forbids nonce in logout tokens).
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(descriptor);
    }

    /// <summary>POSTs a logout token to one client. Returns whether the client acknowledged it (2xx).</summary>
    public async Task<bool> SendAsync(string clientId, Uri backChannelUri, string subject, string sessionId, CancellationToken ct)
    {
        var token = CreateLogoutToken(clientId, subject, sessionId);
        // The timeout runs on identity's clock, so tests drive it instead of waiting for it.
        using var timeout = new CancellationTokenSource(options.Value.BackChannelLogoutTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("logout_token", token)]);
            using var response = await client.PostAsync(backChannelUri, content, linked.Token);
            if (response.IsSuccessStatusCode)
            {
                logger.LogInformation("Back-channel logout delivered to {ClientId} ({Status})", clientId, (int)response.StatusCode);
                return true;
            }
            logger.LogWarning("Back-channel logout to {ClientId} at {Uri} answered {Status}", clientId, backChannelUri, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning(ex, "Back-channel logout to {ClientId} at {Uri} failed", clientId, backChannelUri);
        }
        return false;
    }
}
