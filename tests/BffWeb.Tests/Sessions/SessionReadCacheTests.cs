using System.Net;
using BffPlatform.BffWeb.Authentication;
using BffPlatform.BffWeb.Sessions;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using BffPlatform.BffWeb.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BffPlatform.BffWeb.Tests.Sessions;

public sealed class SessionReadCacheTests
{
    private readonly CountingStore _inner = new();
    private readonly FakeChanges _changes = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly BffSessionOptions _options = new();
    private readonly CachingUserSessionStore _cache;

    public SessionReadCacheTests()
    {
        _cache = new CachingUserSessionStore(_inner, _changes, _time, new StaticOptions(_options));
        _inner.Sessions["k1"] = Session("k1", "sub-1", "sid-1", [1]);
        _inner.Sessions["k2"] = Session("k2", "sub-1", "sid-2", [2]);
    }

    [Fact]
    public async Task Repeated_reads_within_the_duration_hit_the_store_once_and_get_their_own_copies()
    {
        var first = await _cache.GetAsync("k1", CancellationToken.None);
        first!.LastSeenAt = DateTime.MaxValue;
        var second = await _cache.GetAsync("k1", CancellationToken.None);

        Assert.Equal(1, _inner.Gets);
        Assert.NotSame(first, second);
        Assert.NotEqual(DateTime.MaxValue, second!.LastSeenAt);
    }

    [Fact]
    public async Task A_cached_read_expires_after_the_duration()
    {
        await _cache.GetAsync("k1", CancellationToken.None);
        _time.Advance(_options.ReadCacheDuration);

        await _cache.GetAsync("k1", CancellationToken.None);

        Assert.Equal(2, _inner.Gets);
    }

    [Fact]
    public async Task Writes_and_deletes_evict_so_the_next_read_sees_them()
    {
        await _cache.GetAsync("k1", CancellationToken.None);
        await _cache.UpdateTicketAsync("k1", [9], DateTime.MaxValue, DateTime.MinValue, CancellationToken.None);
        Assert.Equal([9], (await _cache.GetAsync("k1", CancellationToken.None))!.Ticket);

        await _cache.DeleteAsync("k1", CancellationToken.None);
        Assert.Null(await _cache.GetAsync("k1", CancellationToken.None));

        await _cache.GetAsync("k2", CancellationToken.None);
        var ended = await _cache.DeleteBySubjectOrSessionIdAsync("sub-1", "sid-2", CancellationToken.None);
        Assert.Single(ended);
        Assert.Null(await _cache.GetAsync("k2", CancellationToken.None));
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task A_read_that_raced_with_a_write_is_not_cached()
    {
        // The read fetches the old ticket, then a refresh writes the new one before the read finishes.
        _inner.DuringGet = () => _cache.UpdateTicketAsync("k1", [7], DateTime.MaxValue, DateTime.MinValue, CancellationToken.None).GetAwaiter().GetResult();
        var stale = await _cache.GetAsync("k1", CancellationToken.None);
        _inner.DuringGet = null;

        Assert.Equal([1], stale!.Ticket);
        Assert.Equal([7], (await _cache.GetAsync("k1", CancellationToken.None))!.Ticket);
        Assert.Equal(2, _inner.Gets);
    }

    [Fact]
    public async Task A_zero_duration_turns_the_cache_off()
    {
        _options.ReadCacheDuration = TimeSpan.Zero;

        await _cache.GetAsync("k1", CancellationToken.None);
        await _cache.GetAsync("k1", CancellationToken.None);

        Assert.Equal(2, _inner.Gets);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task A_session_another_instance_changed_is_read_again_and_the_others_stay_cached()
    {
        await _cache.GetAsync("k1", CancellationToken.None);
        await _cache.GetAsync("k2", CancellationToken.None);
        // Another instance ends k1 in the shared store and says so.
        _inner.Sessions.Remove("k1");
        _changes.RaiseChanged("k1");

        Assert.Null(await _cache.GetAsync("k1", CancellationToken.None));
        Assert.NotNull(await _cache.GetAsync("k2", CancellationToken.None));
        Assert.Equal(3, _inner.Gets);
    }

    [Fact]
    public async Task While_changes_could_go_unheard_every_read_goes_to_the_store_and_nothing_is_kept()
    {
        await _cache.GetAsync("k1", CancellationToken.None);
        _changes.IsListening = false;
        _changes.RaiseMissed();
        // Ended elsewhere while the feed was down: no message will ever come.
        _inner.Sessions.Remove("k1");

        Assert.Null(await _cache.GetAsync("k1", CancellationToken.None));
        await _cache.GetAsync("k2", CancellationToken.None);
        await _cache.GetAsync("k2", CancellationToken.None);

        Assert.Equal(4, _inner.Gets);
        Assert.Equal(0, _cache.Count);

        // Listening again: caching resumes.
        _changes.IsListening = true;
        await _cache.GetAsync("k2", CancellationToken.None);
        await _cache.GetAsync("k2", CancellationToken.None);
        Assert.Equal(5, _inner.Gets);
    }

    [Fact]
    public async Task Missed_changes_drop_every_cached_session()
    {
        await _cache.GetAsync("k1", CancellationToken.None);
        await _cache.GetAsync("k2", CancellationToken.None);

        _changes.RaiseMissed();

        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task A_read_that_raced_with_a_change_elsewhere_is_not_cached()
    {
        _inner.DuringGet = () => _changes.RaiseChanged("k1");
        await _cache.GetAsync("k1", CancellationToken.None);
        _inner.DuringGet = null;

        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task Ticket_updates_and_deletions_are_published_touches_and_creations_are_not()
    {
        await _cache.CreateAsync(Session("k3", "sub-2", "sid-3", [3]), CancellationToken.None);
        await _cache.TouchAsync("k3", DateTime.UnixEpoch, CancellationToken.None);
        Assert.Empty(_changes.Published);

        await _cache.UpdateTicketAsync("k1", [9], DateTime.MaxValue, DateTime.MinValue, CancellationToken.None);
        await _cache.DeleteAsync("k3", CancellationToken.None);
        await _cache.DeleteBySubjectOrSessionIdAsync("sub-1", null, CancellationToken.None);

        Assert.Equal(new[] { "k1", "k3", "k1,k2" }, _changes.Published);
    }

    [Fact]
    public async Task A_fresh_read_ignores_the_cache()
    {
        await _cache.GetAsync("k1", CancellationToken.None);
        _inner.Sessions["k1"].Ticket = [5];

        Assert.Equal([5], (await _cache.GetFreshAsync("k1", CancellationToken.None))!.Ticket);
        Assert.Equal([1], (await _cache.GetAsync("k1", CancellationToken.None))!.Ticket);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(301)]
    public void An_out_of_range_duration_is_refused_at_start_up(int seconds)
    {
        var result = new SessionOptionsValidator().Validate(null, new BffSessionOptions { ReadCacheDuration = TimeSpan.FromSeconds(seconds) });

        Assert.Contains("Session:ReadCacheDuration", result.FailureMessage);
    }

    private static UserSession Session(string key, string subject, string sid, byte[] ticket) => new()
    {
        Key = key, Id = "id-" + key, Subject = subject, SessionId = sid, Ticket = ticket,
        CreatedAt = DateTime.UnixEpoch, LastSeenAt = DateTime.UnixEpoch, ExpiresAt = DateTime.MaxValue,
    };

    private sealed class StaticOptions(BffSessionOptions value) : IOptionsMonitor<BffSessionOptions>
    {
        public BffSessionOptions CurrentValue => value;
        public BffSessionOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<BffSessionOptions, string?> listener) => null;
    }

    /// <summary>A change feed driven by the test, recording what is published (keys of one message joined by commas).</summary>
    private sealed class FakeChanges : ISessionChanges
    {
        public bool IsListening { get; set; } = true;
        public List<string> Published { get; } = [];

        public event Action<IReadOnlySet<string>>? ChangedElsewhere;
        public event Action? MayHaveMissedChanges;

        public Task PublishAsync(IReadOnlyCollection<string> sessionKeys, CancellationToken cancellationToken)
        {
            Published.Add(string.Join(',', sessionKeys.Order(StringComparer.Ordinal)));
            return Task.CompletedTask;
        }

        public void RaiseChanged(params string[] keys) => ChangedElsewhere?.Invoke(keys.Select(SessionKeyHash.Of).ToHashSet());

        public void RaiseMissed() => MayHaveMissedChanges?.Invoke();
    }

    /// <summary>An in-memory store that counts reads and can act in the middle of one.</summary>
    private sealed class CountingStore : IUserSessionStore
    {
        public Dictionary<string, UserSession> Sessions { get; } = new();
        public int Gets { get; private set; }
        public Action? DuringGet { get; set; }

        public Task<UserSession?> GetAsync(string key, CancellationToken cancellationToken)
        {
            Gets++;
            var found = Sessions.TryGetValue(key, out var s) ? Copy(s) : null;
            DuringGet?.Invoke();
            return Task.FromResult(found);
        }

        public Task CreateAsync(UserSession session, CancellationToken cancellationToken)
        {
            Sessions[session.Key] = session;
            return Task.CompletedTask;
        }

        public Task<bool> UpdateTicketAsync(string key, byte[] ticket, DateTime expiresAt, DateTime lastSeenAt, CancellationToken cancellationToken)
        {
            if (!Sessions.TryGetValue(key, out var s)) return Task.FromResult(false);
            s.Ticket = ticket;
            s.ExpiresAt = expiresAt;
            return Task.FromResult(true);
        }

        public Task TouchAsync(string key, DateTime lastSeenAt, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            Sessions.Remove(key);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<UserSession>> ListBySubjectAsync(string subject, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<UserSession>>(Sessions.Values.Where(s => s.Subject == subject).ToList());

        public Task<IReadOnlyList<UserSession>> DeleteBySubjectOrSessionIdAsync(string? subject, string? sessionId, CancellationToken cancellationToken)
        {
            var matches = Sessions.Values.Where(s => (subject is null || s.Subject == subject) && (sessionId is null || s.SessionId == sessionId)).ToList();
            foreach (var s in matches) Sessions.Remove(s.Key);
            return Task.FromResult<IReadOnlyList<UserSession>>(matches);
        }

        public Task<int> DeleteExpiredAsync(DateTime now, CancellationToken cancellationToken) => Task.FromResult(0);

        private static UserSession Copy(UserSession s) => new()
        {
            Key = s.Key, Id = s.Id, Subject = s.Subject, SessionId = s.SessionId, Ticket = s.Ticket,
            CreatedAt = s.CreatedAt, LastSeenAt = s.LastSeenAt, ExpiresAt = s.ExpiresAt, UserAgent = s.UserAgent,
        };
    }
}

public sealed class SessionCookieDecryptCacheTests : IDisposable
{
    private readonly BffWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_remembered_cookie_still_stops_working_when_its_session_ends()
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetApiAsync("/bff/user")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetApiAsync("/bff/user")).StatusCode);
        var format = _factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AuthSchemes.Cookie).TicketDataFormat;
        Assert.Equal(1, Assert.IsType<CachingTicketDataFormat>(format).Count);

        var store = _factory.Services.GetRequiredService<IUserSessionStore>();
        await store.DeleteBySubjectOrSessionIdAsync("alice", null, CancellationToken.None);

        await (await browser.GetApiAsync("/bff/user")).AssertProblemAsync(401, ErrorCodes.Unauthorized);
    }

    [Fact]
    public void A_value_that_never_decrypted_is_not_remembered()
    {
        var format = new CachingTicketDataFormat(new NeverValid(), TimeProvider.System, new FixedOptions());

        Assert.Null(format.Unprotect("forged"));
        Assert.Null(format.Unprotect("forged"));
        Assert.Equal(0, format.Count);
    }

    private sealed class NeverValid : ISecureDataFormat<AuthenticationTicket>
    {
        public string Protect(AuthenticationTicket data) => "x";
        public string Protect(AuthenticationTicket data, string? purpose) => "x";
        public AuthenticationTicket? Unprotect(string? protectedText) => null;
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose) => null;
    }

    private sealed class FixedOptions : IOptionsMonitor<BffSessionOptions>
    {
        public BffSessionOptions CurrentValue { get; } = new();
        public BffSessionOptions Get(string? name) => CurrentValue;
        public IDisposable? OnChange(Action<BffSessionOptions, string?> listener) => null;
    }
}
