using System.Net;
using BffPlatform.BffWeb.Sessions;
using BffPlatform.BffWeb.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.BffWeb.Tests.Sessions;

public sealed class SessionCookieTests : IDisposable
{
    private readonly BffWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_session_cookie_is_host_prefixed_httponly_secure_strict_and_holds_only_a_key()
    {
        using var client = _factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false });

        var response = await client.PostAsync($"{BffWebFactory.SignInPath}?sub=alice&sid=s1&role=customer&refresh=rt-x&expiresAt=2026-11-25T13:00:00Z", null);

        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-bff=", StringComparison.Ordinal));
        var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("path=/", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        // The tokens stay on the server: the cookie is a protected session key, far smaller than a ticket with tokens.
        var value = setCookie.Split(';')[0]["__Host-bff=".Length..];
        Assert.InRange(value.Length, 20, 600);
        Assert.DoesNotContain("rt-x", value);

        var store = _factory.Services.GetRequiredService<IUserSessionStore>();
        var session = Assert.Single(await store.ListBySubjectAsync("alice", CancellationToken.None));
        Assert.Equal("s1", session.SessionId);
    }

    [Fact]
    public async Task User_endpoint_answers_claims_logout_url_and_expiry_in_duende_shape()
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser, sub: "alice", sid: "sid-42");

        var claims = (await (await browser.GetApiAsync("/bff/user")).JsonAsync()).AsArray();

        string? Value(string type) => claims.FirstOrDefault(c => c!["type"]!.GetValue<string>() == type)?["value"]?.ToString();
        Assert.Equal("alice", Value("sub"));
        Assert.Equal("sid-42", Value("sid"));
        Assert.Equal("Alice Martin", Value("name"));
        Assert.Equal("customer", Value("role"));
        Assert.Equal("/bff/logout?sid=sid-42", Value("bff:logout_url"));
        var expiresIn = claims.Single(c => c!["type"]!.GetValue<string>() == "bff:session_expires_in")!["value"]!.GetValue<long>();
        Assert.Equal((long)TimeSpan.FromHours(8).TotalSeconds, expiresIn);
    }

    [Fact]
    public async Task The_session_slides_and_ends_at_its_absolute_limit()
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser, accessTokenLifetime: TimeSpan.FromDays(2));

        // Used every 6 hours (within the 8-hour idle timeout), it lives on...
        for (var i = 0; i < 3; i++)
        {
            _factory.Time.Advance(TimeSpan.FromHours(6));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetApiAsync("/bff/user")).StatusCode);
        }
        // ...but not past 24 hours after sign-in.
        _factory.Time.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetApiAsync("/bff/user")).StatusCode);
    }

    [Fact]
    public async Task An_idle_session_expires()
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser, accessTokenLifetime: TimeSpan.FromDays(2));

        _factory.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetApiAsync("/bff/user")).StatusCode);
    }

    [Fact]
    public async Task Expired_sessions_are_cleaned_up()
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser, sub: "alice");
        var store = _factory.Services.GetRequiredService<IUserSessionStore>();
        Assert.Single(await store.ListBySubjectAsync("alice", CancellationToken.None));

        _factory.Time.Advance(TimeSpan.FromHours(9));
        var cleanup = _factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ExpiredSessionCleanup>().Single();
        await cleanup.RunOnceAsync(CancellationToken.None);

        Assert.Empty(await store.ListBySubjectAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task Sessions_survive_a_restart()
    {
        var cookies = new CookieContainer();
        var dataDirectory = _factory.DataDirectory;
        using (var browser = _factory.CreateDefaultClient(new Uri("https://localhost"), new CookieHandler(cookies)))
        {
            await _factory.SignInAsync(browser);
        }
        _factory.KeepData = true;
        await _factory.DisposeAsync();

        using var restarted = new BffWebFactory().With("Data:Directory", dataDirectory);
        restarted.Time.SetUtcNow(_factory.Time.GetUtcNow());
        using var again = restarted.CreateDefaultClient(new Uri("https://localhost"), new CookieHandler(cookies));

        var claims = (await (await again.GetApiAsync("/bff/user")).JsonAsync()).AsArray();
        Assert.Contains(claims, c => c!["type"]!.GetValue<string>() == "sub" && c["value"]!.GetValue<string>() == "alice");
    }

    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (!string.IsNullOrEmpty(header)) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values) cookies.SetCookies(request.RequestUri!, value);
            }
            return response;
        }
    }
}
