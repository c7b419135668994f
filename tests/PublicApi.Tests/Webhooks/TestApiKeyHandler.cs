using System.Security.Claims;
using System.Text.Encodings.Web;
using BffPlatform.PublicApi.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Tests.Webhooks;

/// <summary>
/// Stands in for public-api's API-key handler (under its scheme name): <c>X-Test-Key: &lt;partner id&gt; &lt;environment&gt; &lt;scope,scope&gt;</c>
/// becomes the claims an API key authenticates (<see cref="ApiKeyClaims"/>).
/// </summary>
internal sealed class TestApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Header = "X-Test-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].ToString() is not { Length: > 0 } value)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var parts = value.Split(' ');
        var claims = new List<Claim>
        {
            new(ApiKeyClaims.PartnerId, parts[0]),
            new(ApiKeyClaims.Environment, parts[1]),
            new(ApiKeyClaims.KeyId, Guid.NewGuid().ToString()),
        };
        claims.AddRange(parts.Length > 2 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ApiKeyClaims.Scope, s)) : []);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}
