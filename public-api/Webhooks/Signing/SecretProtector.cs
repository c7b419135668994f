using Microsoft.AspNetCore.DataProtection;

namespace BffPlatform.PublicApi.Webhooks.Signing;

/// <summary>Signing secrets at rest: encrypted with ASP.NET Core Data Protection, readable only by public-api's key ring.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("BffPlatform.PublicApi.Webhooks.SigningSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
