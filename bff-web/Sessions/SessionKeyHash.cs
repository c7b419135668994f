using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// What names a session outside the session store (Redis lock keys, cache change messages): a
/// hash of its key, since the key itself is the secret the cookie carries.
/// </summary>
internal static class SessionKeyHash
{
    public static string Of(string sessionKey) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionKey)));
}
