using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// The session cookie's format with its decryption remembered: a browser sends the same cookie on
/// every call, and decrypting it was a noticeable part of an API call's cost (bench/bff-web.sh).
/// Only a value that decrypted before is served from memory, as a fresh copy (claims and properties
/// cloned: the cookie handler changes the ticket it gets); expiry is still checked by the handler, and the session behind the
/// key by the ticket store, so a signed-out cookie stays refused.
/// </summary>
internal sealed class CachingTicketDataFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time, IOptionsMonitor<BffSessionOptions> options)
    : ISecureDataFormat<AuthenticationTicket>
{
    internal const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    internal int Count => _entries.Count;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        var duration = options.CurrentValue.ReadCacheDuration;
        if (protectedText is null || purpose is not null || duration <= TimeSpan.Zero)
        {
            return inner.Unprotect(protectedText, purpose);
        }
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(protectedText, out var cached) && cached.Until > now)
        {
            return cached.Ticket.Clone();
        }
        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is not null)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }
            _entries[protectedText] = new Entry(ticket.Clone(), now + duration);
        }
        return ticket;
    }

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset Until);
}
