using System.Diagnostics.CodeAnalysis;

namespace BffPlatform.Contracts.Partners;

/// <summary>
/// core-api → public-api over Redis pub/sub (scaled out): "forget what you cached about these
/// keys". core-api publishes after a committed change that makes a key stop or change being valid
/// (revoked, rolled, its partner renamed, re-planned, deactivated or reactivated); every public-api
/// instance drops those keys' cached verifications and asks core-api again on their next use.
/// A key is named by the SHA-256 core-api stores (<see cref="ApiKeyFormat.Hash"/>, lower-case hex),
/// never by its secret. Message: the hashes separated by single spaces, at most
/// <see cref="MaxHashesPerMessage"/> of them.
/// </summary>
public static class ApiKeyChanges
{
    /// <summary>The channel, after <c>Redis:KeyPrefix</c>.</summary>
    public const string ChannelName = "partners:api-key-changes";

    /// <summary>A partner with many keys is announced in several messages of this many hashes.</summary>
    public const int MaxHashesPerMessage = 100;

    private const int HashHexLength = 64;

    public static string Channel(string keyPrefix) => keyPrefix + ChannelName;

    /// <summary>The key's name in messages and in public-api's verification cache.</summary>
    public static string HashId(byte[] hash) => Convert.ToHexStringLower(hash);

    /// <summary>Messages for <paramref name="hashes"/> (duplicates once), in chunks of <see cref="MaxHashesPerMessage"/>.</summary>
    public static IReadOnlyList<string> Messages(IEnumerable<byte[]> hashes) =>
        [.. hashes.Select(HashId).Distinct(StringComparer.Ordinal).Chunk(MaxHashesPerMessage).Select(chunk => string.Join(' ', chunk))];

    /// <summary>
    /// The hash ids of a message; false when any part is not a lower-case hex SHA-256 (a sender of
    /// another version, or a corrupted message): the receiver cannot tell which keys it meant.
    /// </summary>
    public static bool TryParse(string? message, [NotNullWhen(true)] out IReadOnlyList<string>? hashIds)
    {
        hashIds = null;
        if (string.IsNullOrEmpty(message)) return false;
        var parts = message.Split(' ');
        if (parts.Length > MaxHashesPerMessage) return false;
        foreach (var part in parts)
        {
            if (part.Length != HashHexLength || !part.All(char.IsAsciiHexDigitLower)) return false;
        }
        hashIds = parts;
        return true;
    }
}
