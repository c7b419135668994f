using System.Net;
using System.Text.RegularExpressions;
using BffPlatform.Identity.Data;
using BffPlatform.Identity.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.Identity.Tests;

/// <summary>
/// Failed sign-ins by others must not lock a user out (OWASP device cookies): identity on a real
/// socket, the owner on 127.0.0.1, attackers on other loopback addresses.
/// </summary>
public sealed partial class LockoutAbuseTests
{
    private const string SignInPath = "/account/login";

    private static IdentityFactory NetworkIdentity(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var identity = new IdentityFactory(settings: settings) { ConfigureServices = services };
        identity.StartOnNetwork();
        return identity;
    }

    private static Task<HttpResponseMessage> TryAsync(HttpClient client, string email, string password) =>
        OAuth.PostSignInAsync(client, SignInPath, email, password);

    [Fact]
    public async Task An_attack_from_other_addresses_neither_stops_the_owner_on_her_device_nor_ends_her_refresh_token()
    {
        using var identity = NetworkIdentity(new() { ["Identity:SignIn:UntrustedFreeFailures"] = "3" });
        using var owner = identity.CreateLoopbackBrowser("127.0.0.1");
        var (verifier, challenge) = OAuth.NewPkce();
        var code = await OAuth.SignInAndAuthorizeAsync(owner, OAuth.BffWeb, OAuth.BffWebRedirect, OAuth.BffWebScopes, challenge);
        var tokens = await OAuth.RedeemCodeAsync(owner, code.Code!, verifier);
        Assert.False(tokens.IsError, tokens.ErrorDescription);

        // Wrong passwords for Alice from three other addresses: far more than the old lockout's five.
        var answers = new List<HttpStatusCode>();
        foreach (var address in new[] { "127.0.0.2", "127.0.0.3", "127.0.0.4" })
        {
            using var attacker = identity.CreateLoopbackBrowser(address);
            for (var i = 0; i < 4; i++)
            {
                answers.Add((await TryAsync(attacker, OAuth.AliceEmail, $"Guess!{i}{address}")).StatusCode);
            }
        }
        Assert.Equal(3, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(9, answers.Count(a => a == HttpStatusCode.TooManyRequests));

        // Even the right password from a browser Alice never used has to wait...
        using var thief = identity.CreateLoopbackBrowser("127.0.0.5");
        var stolen = await TryAsync(thief, OAuth.AliceEmail, OAuth.AlicePassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, stolen.StatusCode);
        Assert.NotNull(stolen.Headers.RetryAfter);
        Assert.False(SetsSessionCookie(stolen));

        // ...while Alice signs in at once on the browser she signed in with before,
        var again = await TryAsync(owner, OAuth.AliceEmail, OAuth.AlicePassword);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.True(SetsSessionCookie(again));

        // her refresh token still works (OpenIddict refuses it for a locked-out user),
        var refreshed = await OAuth.RefreshAsync(owner, tokens.RefreshToken!);
        Assert.False(refreshed.IsError, refreshed.ErrorDescription);

        // and nothing in identity's user store marks her locked.
        using var scope = identity.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByEmailAsync(OAuth.AliceEmail))!));
    }

    [Fact]
    public async Task Untrusted_clients_wait_longer_after_each_failure_whatever_their_address()
    {
        using var identity = NetworkIdentity(new()
        {
            ["Identity:SignIn:UntrustedFreeFailures"] = "2",
            ["Identity:SignIn:UntrustedFirstDelay"] = "00:00:10",
            ["Identity:SignIn:UntrustedMaxDelay"] = "00:01:00",
        });
        var address = 10;
        HttpClient Next() => identity.CreateLoopbackBrowser($"127.0.0.{address++}");

        Assert.Equal(HttpStatusCode.OK, (await TryAsync(Next(), OAuth.AliceEmail, "Wrong!1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(Next(), OAuth.AliceEmail, "Wrong!2")).StatusCode);

        var waits = new List<int>();
        for (var round = 0; round < 4; round++)
        {
            var throttled = await TryAsync(Next(), OAuth.AliceEmail, "Wrong!3");
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            var wait = (int)throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
            waits.Add(wait);
            Assert.Contains($"Try again in {wait} seconds", await throttled.Content.ReadAsStringAsync());

            // One second early is still too early; on time, one more guess is let through (and fails).
            identity.Time.Advance(TimeSpan.FromSeconds(wait - 1));
            Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(Next(), OAuth.AliceEmail, "Wrong!4")).StatusCode);
            identity.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(Next(), OAuth.AliceEmail, "Wrong!5")).StatusCode);
        }
        Assert.Equal([10, 20, 40, 60], waits);

        // After the wait the owner on a new device gets in with her password, and the count starts again.
        identity.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(Next(), OAuth.AliceEmail, OAuth.AlicePassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(Next(), OAuth.AliceEmail, "Wrong!6")).StatusCode);
    }

    [Fact]
    public async Task A_throttled_account_answers_the_same_whether_it_exists_or_not()
    {
        CountingPasswordHasher hasher = null!;
        using var identity = NetworkIdentity(new() { ["Identity:SignIn:UntrustedFreeFailures"] = "1" }, s => hasher = CountingPasswordHasher.Register(s));
        using var first = identity.CreateLoopbackBrowser("127.0.0.2");
        using var second = identity.CreateLoopbackBrowser("127.0.0.3");

        var answers = new List<(HttpStatusCode Status, string? RetryAfter, string Body, int Hashes)>();
        foreach (var email in new[] { OAuth.AliceEmail, "nobody@shop.test" })
        {
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(first, email, "Wrong!2345")).StatusCode);
            var before = hasher.Verifications;
            var throttled = await TryAsync(second, email, "Wrong!2345");
            answers.Add((throttled.StatusCode, throttled.Headers.RetryAfter?.ToString(),
                HiddenValues().Replace((await throttled.Content.ReadAsStringAsync()).Replace(email, "EMAIL", StringComparison.Ordinal), "value=\"\""),
                hasher.Verifications - before));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[0].Status);
        Assert.Equal(answers[0], answers[1]);
    }

    [Fact]
    public async Task Every_refusal_verifies_exactly_one_password_hash_whatever_the_accounts_state()
    {
        CountingPasswordHasher hasher = null!;
        using var identity = NetworkIdentity(new() { ["Identity:SignIn:UntrustedFreeFailures"] = "1" }, s => hasher = CountingPasswordHasher.Register(s));
        using var staffDevice = identity.CreateLoopbackBrowser("127.0.0.1");
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(staffDevice, "staff@shop.test", "Staff!2345")).StatusCode);
        using (var scope = identity.Services.CreateScope())
        {
            // An administrator disabled Bob: the one lockout identity still honours.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("bob@shop.test"))!, DateTimeOffset.MaxValue);
        }
        using var attacker = identity.CreateLoopbackBrowser("127.0.0.2");

        var cases = new (string What, HttpClient Client, string Email, string Password, HttpStatusCode Status)[]
        {
            ("unknown e-mail", attacker, "nobody@shop.test", "Wrong!2345", HttpStatusCode.OK),
            ("empty e-mail", attacker, "", "Wrong!2345", HttpStatusCode.OK),
            ("wrong password", attacker, OAuth.AliceEmail, "Wrong!2345", HttpStatusCode.OK),
            ("throttled account", attacker, OAuth.AliceEmail, OAuth.AlicePassword, HttpStatusCode.TooManyRequests),
            ("throttled unknown e-mail", attacker, "nobody@shop.test", "Wrong!2345", HttpStatusCode.TooManyRequests),
            ("disabled user, right password", attacker, "bob@shop.test", "Bob!23456", HttpStatusCode.OK),
            ("wrong password on a trusted device", staffDevice, "staff@shop.test", "Wrong!2345", HttpStatusCode.OK),
        };
        foreach (var (what, client, email, password, status) in cases)
        {
            var before = hasher.Verifications;
            var response = await TryAsync(client, email, password);
            Assert.True(status == response.StatusCode, $"{what}: {(int)response.StatusCode}");
            Assert.True(hasher.Verifications - before == 1, $"{what}: {hasher.Verifications - before} hash verifications");
        }
    }

    [Fact]
    public async Task The_device_cookie_is_per_user_http_only_secure_strict_and_long_lived()
    {
        using var identity = NetworkIdentity(new() { ["Identity:SignIn:UntrustedFreeFailures"] = "1" });
        using var bobsBrowser = identity.CreateLoopbackBrowser("127.0.0.1");

        var signedIn = await TryAsync(bobsBrowser, "bob@shop.test", "Bob!23456");

        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("bffplatform.identity.device.", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/account/login", attributes);
        var expires = DateTimeOffset.Parse(attributes.Single(a => a.StartsWith("expires=", StringComparison.Ordinal))["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - identity.Time.GetUtcNow(), TimeSpan.FromDays(179), TimeSpan.FromDays(181));

        // Bob's device cookie does not make his browser trusted for Alice.
        using var attacker = identity.CreateLoopbackBrowser("127.0.0.2");
        await TryAsync(attacker, OAuth.AliceEmail, "Wrong!2345");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(bobsBrowser, OAuth.AliceEmail, OAuth.AlicePassword)).StatusCode);
    }

    [Fact]
    public async Task A_device_that_keeps_failing_loses_its_trust()
    {
        using var identity = NetworkIdentity(new()
        {
            ["Identity:SignIn:UntrustedFreeFailures"] = "1",
            ["Identity:SignIn:DeviceFailureLimit"] = "2",
        });
        using var device = identity.CreateLoopbackBrowser("127.0.0.1");
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(device, OAuth.AliceEmail, OAuth.AlicePassword)).StatusCode);
        using var attacker = identity.CreateLoopbackBrowser("127.0.0.2");
        await TryAsync(attacker, OAuth.AliceEmail, "Wrong!2345");

        // Whoever holds the cookie (a copy of it, say) gets no free guessing: two failures, then it is untrusted too.
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(device, OAuth.AliceEmail, "Wrong!1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(device, OAuth.AliceEmail, "Wrong!2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(device, OAuth.AliceEmail, OAuth.AlicePassword)).StatusCode);
    }

    [Fact]
    public async Task X_forwarded_for_counts_only_from_a_configured_proxy()
    {
        using var identity = NetworkIdentity(new()
        {
            ["Identity:SignIn:ThrottlePermitLimit"] = "2",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.9",
        });

        // A client that is no proxy cannot pick the address the per-IP throttle counts.
        using var direct = identity.CreateLoopbackBrowser("127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await ForwardedAttemptAsync(direct, $"203.0.113.{i + 1}", i)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        // Through the configured proxy each forwarded client has its own count.
        using var proxy = identity.CreateLoopbackBrowser("127.0.0.9");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ForwardedAttemptAsync(proxy, $"198.51.100.{i + 1}", 10 + i)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await ForwardedAttemptAsync(proxy, "198.51.100.1", 20)).StatusCode);
        var third = await ForwardedAttemptAsync(proxy, "198.51.100.1", 21);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Bad_proxy_settings_refuse_start_up_naming_the_key()
    {
        // Trusted proxies are every service's setting now (ServiceDefaults), no longer under Identity.
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "not-an-ip",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/99",
        });

        var failure = identity.StartupFailure();

        Assert.Contains("ForwardedHeaders:KnownProxies: 'not-an-ip' is not an IP address", failure);
        Assert.Contains("ForwardedHeaders:KnownNetworks: '10.0.0.0/99'", failure);
    }

    [Fact]
    public void Bad_sign_in_settings_refuse_start_up_naming_the_key()
    {
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?>
        {
            ["Identity:SignIn:UntrustedFreeFailures"] = "0",
            ["Identity:SignIn:UntrustedMaxDelay"] = "00:00:01",
        });

        var failure = identity.StartupFailure();

        Assert.Contains("Identity:SignIn:UntrustedFreeFailures must be between 1 and 100", failure);
        Assert.Contains("Identity:SignIn:UntrustedMaxDelay must be at least UntrustedFirstDelay", failure);
    }

    /// <summary>A sign-in post (an unknown e-mail each, so only the per-IP throttle applies) with <c>X-Forwarded-For</c>.</summary>
    private static async Task<HttpResponseMessage> ForwardedAttemptAsync(HttpClient client, string forwardedFor, int n)
    {
        var fields = await OAuth.ReadSignInFormAsync(client, SignInPath);
        fields["Email"] = $"user{n}@shop.test";
        fields["Password"] = "Guess!1234";
        using var request = new HttpRequestMessage(HttpMethod.Post, SignInPath) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private static bool SetsSessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("bffplatform.identity=", StringComparison.Ordinal));

    [GeneratedRegex("value=\"[^\"]*\"")]
    private static partial Regex HiddenValues();
}
