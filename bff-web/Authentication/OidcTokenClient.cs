using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace BffPlatform.BffWeb.Authentication;

/// <summary>Outcome of a refresh: new tokens, or why there are none.</summary>
public sealed record RefreshResult(bool Succeeded, bool ProtocolError, string? AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn, string? Error)
{
    public static RefreshResult Failed(bool protocolError, string? error) => new(false, protocolError, null, null, null, 0, error);
}

/// <summary>
/// The identity provider's token and revocation endpoints, called with Duende.IdentityModel.
/// Endpoint addresses come from the OpenID Connect handler's cached discovery document.
/// </summary>
public interface IOidcTokenClient
{
    Task<RefreshResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>Revokes a refresh token; false when identity refused or could not be reached.</summary>
    Task<bool> RevokeRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken);

    Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancellationToken);
}

internal sealed partial class OidcTokenClient(
    IHttpClientFactory httpClients,
    IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
    IOptionsMonitor<OidcClientOptions> clientOptions,
    ILogger<OidcTokenClient> logger) : IOidcTokenClient
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancellationToken)
    {
        var oidc = oidcOptions.Get(AuthSchemes.Oidc);
        if (oidc.Configuration is not null)
        {
            return oidc.Configuration;
        }
        return await (oidc.ConfigurationManager ?? throw new InvalidOperationException("The OpenID Connect handler has no configuration manager."))
            .GetConfigurationAsync(cancellationToken);
    }

    public async Task<RefreshResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await GetConfigurationAsync(cancellationToken);
            var options = clientOptions.CurrentValue;
            var response = await httpClients.CreateClient(AuthSchemes.OidcBackchannelClient).RequestRefreshTokenAsync(new RefreshTokenRequest
            {
                Address = configuration.TokenEndpoint,
                ClientId = options.ClientId,
                ClientSecret = options.ClientSecret,
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
                RefreshToken = refreshToken,
            }, cancellationToken);
            if (response.IsError)
            {
                LogRefreshFailed(logger, response.ErrorType.ToString(), response.Error);
                return RefreshResult.Failed(response.ErrorType == ResponseErrorType.Protocol, response.Error);
            }
            return new RefreshResult(true, false, response.AccessToken, response.RefreshToken, response.IdentityToken, response.ExpiresIn, null);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            // Discovery unreachable: a transport failure, not a verdict on the refresh token.
            LogRefreshFailed(logger, "Exception", e.Message);
            return RefreshResult.Failed(false, e.Message);
        }
    }

    public async Task<bool> RevokeRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await GetConfigurationAsync(cancellationToken);
            // The discovery parser fills RevocationEndpoint; a configuration built by hand may carry it as extra data.
            var address = !string.IsNullOrEmpty(configuration.RevocationEndpoint)
                ? configuration.RevocationEndpoint
                : configuration.AdditionalData.TryGetValue("revocation_endpoint", out var extra) ? extra as string : null;
            if (string.IsNullOrEmpty(address))
            {
                LogNoRevocationEndpoint(logger);
                return false;
            }
            var options = clientOptions.CurrentValue;
            var response = await httpClients.CreateClient(AuthSchemes.OidcBackchannelClient).RevokeTokenAsync(new TokenRevocationRequest
            {
                Address = address,
                ClientId = options.ClientId,
                ClientSecret = options.ClientSecret,
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
                Token = refreshToken,
                TokenTypeHint = "refresh_token",
            }, cancellationToken);
            if (response.IsError)
            {
                LogRevokeFailed(logger, response.Error);
                return false;
            }
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            LogRevokeFailed(logger, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the access token failed ({ErrorType}): {Error}")]
    private static partial void LogRefreshFailed(ILogger logger, string errorType, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoking a refresh token failed: {Error}")]
    private static partial void LogRevokeFailed(ILogger logger, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity provider announces no revocation_endpoint; refresh tokens are not revoked")]
    private static partial void LogNoRevocationEndpoint(ILogger logger);
}
