using System.Net;
using BffPlatform.Identity.Data;
using BffPlatform.Identity.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.Identity.Tests;

/// <summary>Bad credentials, lockout and per-IP throttling of the sign-in page.</summary>
public sealed class SignInAttackTests
{
    private const string Message = "Invalid email or password.";

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_answer()
    {
        using var identity = new IdentityFactory();
        using var browser = identity.CreateBrowser();

        var wrongPassword = await OAuth.PostSignInAsync(browser, "/account/login", OAuth.AliceEmail, "Wrong!2345");
        var unknownUser = await OAuth.PostSignInAsync(browser, "/account/login", "nobody@shop.test", OAuth.AlicePassword);

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknownUser.StatusCode);
        var a = await wrongPassword.Content.ReadAsStringAsync();
        var b = await unknownUser.Content.ReadAsStringAsync();
        Assert.Contains(Message, a);
        Assert.Contains(Message, b);
        Assert.DoesNotContain("password is", a, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not found", b, StringComparison.OrdinalIgnoreCase);
        Assert.False(wrongPassword.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("bffplatform.identity=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task After_too_many_failures_the_account_is_locked_even_for_the_right_password()
    {
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?> { ["Identity:SignIn:MaxFailedAttempts"] = "3" });
        using var browser = identity.CreateBrowser();
        for (var i = 0; i < 3; i++)
        {
            await OAuth.PostSignInAsync(browser, "/account/login", OAuth.AliceEmail, "Wrong!2345");
        }

        var locked = await OAuth.PostSignInAsync(browser, "/account/login", OAuth.AliceEmail, OAuth.AlicePassword);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains(Message, await locked.Content.ReadAsStringAsync());

        Assert.False(locked.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("bffplatform.identity=", StringComparison.Ordinal)));

        // Locked for the configured duration (ASP.NET Core Identity's lockout reads the system clock, not TimeProvider).
        using var scope = identity.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var lockoutEnd = await users.GetLockoutEndDateAsync((await users.FindByEmailAsync(OAuth.AliceEmail))!);
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Sign_in_posts_are_throttled_per_ip_with_429()
    {
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?> { ["Identity:SignIn:ThrottlePermitLimit"] = "3" });
        using var attacker = identity.CreateBrowser(remoteIp: "203.0.113.7");
        using var other = identity.CreateBrowser(remoteIp: "198.51.100.20");
        for (var i = 0; i < 3; i++)
        {
            var attempt = await OAuth.PostSignInAsync(attacker, "/account/login", $"user{i}@shop.test", "Guess!1234");
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }

        var throttled = await OAuth.PostSignInAsync(attacker, "/account/login", OAuth.AliceEmail, OAuth.AlicePassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType?.MediaType);
        Assert.Contains("rate_limited", await throttled.Content.ReadAsStringAsync());

        // Another address is unaffected, and the throttle is not an account lockout.
        var fromElsewhere = await OAuth.PostSignInAsync(other, "/account/login", OAuth.AliceEmail, OAuth.AlicePassword);
        Assert.Equal(HttpStatusCode.Redirect, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task A_browser_gets_the_throttle_as_a_page()
    {
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?> { ["Identity:SignIn:ThrottlePermitLimit"] = "1" });
        using var browser = identity.CreateBrowser(remoteIp: "203.0.113.9");
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        await OAuth.PostSignInAsync(browser, "/account/login", OAuth.AliceEmail, "Wrong!2345");

        var throttled = await OAuth.PostSignInAsync(browser, "/account/login", OAuth.AliceEmail, "Wrong!2345");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("text/html", throttled.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many sign-in attempts", await throttled.Content.ReadAsStringAsync());
    }
}
