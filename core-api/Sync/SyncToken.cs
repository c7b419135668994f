using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace BffPlatform.CoreApi.Sync;

/// <summary>A position in one customer's change sequence, and when it was handed out.</summary>
public sealed record SyncPosition(string CustomerId, long Sequence, DateTimeOffset IssuedAt);

/// <summary>
/// The opaque <c>since</c> token: the position encrypted and authenticated with ASP.NET Core Data
/// Protection, so an app can neither read nor move it (a changed byte fails to decrypt) nor use
/// another customer's token. Unlike a list cursor, a forged sequence would skip changes silently:
/// hence authenticated, not merely strictly parsed.
/// </summary>
public sealed class SyncToken(IDataProtectionProvider protection)
{
    private const int MaxLength = 1024;
    private readonly IDataProtector _protector = protection.CreateProtector("BffPlatform.CoreApi.Sync.OrderChanges.v1");

    private sealed record Payload(string O, long S, long T);

    public string Issue(SyncPosition position) =>
        _protector.Protect(JsonSerializer.Serialize(new Payload(position.CustomerId, position.Sequence, position.IssuedAt.ToUnixTimeMilliseconds())));

    /// <summary>The position in <paramref name="token"/> if this service issued it for <paramref name="customerId"/>.</summary>
    public bool TryRead(string token, string customerId, out SyncPosition? position)
    {
        position = null;
        if (token.Length > MaxLength)
        {
            return false;
        }
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(token));
            if (payload is null || payload.O != customerId || payload.S < 0)
            {
                return false;
            }
            position = new SyncPosition(payload.O, payload.S, DateTimeOffset.FromUnixTimeMilliseconds(payload.T));
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }
}
