using System.Net;
using BffPlatform.Identity.Data;
using BffPlatform.Identity.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.Identity.Tests;

/// <summary>Bad credentials, no lockout, and per-IP throttling of the sign-in page (TestServer, addresses from a test header).</summary>
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
    public async Task Failed_sign_ins_never_lock_the_user_in_identitys_store()
    {
        using var identity = new IdentityFactory();
        using var browser = identity.CreateBrowser(remoteIp: "203.0.113.5");
        for (var i = 0; i < 12; i++)
        {
            await OAuth.PostSignInAsync(browser, "/account/login", OAuth.AliceEmail, "Wrong!2345");
        }

        // OpenIddict refuses refresh and authorize for a locked-out user: failures must never get there.
        using var scope = identity.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var alice = (await users.FindByEmailAsync(OAuth.AliceEmail))!;
        Assert.False(await users.IsLockedOutAsync(alice));
        Assert.Null(await users.GetLockoutEndDateAsync(alice));
        Assert.Equal(0, await users.GetAccessFailedCountAsync(alice));
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
