using System.Net;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Contracts.Common;

namespace BffPlatform.BffWeb.Tests.Sessions;

public sealed class MySessionsTests : IDisposable
{
    private readonly BffWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task I_see_my_sessions_and_can_end_the_others_which_revokes_their_refresh_tokens()
    {
        using var laptop = _factory.CreateBrowser();
        using var phone = _factory.CreateBrowser();
        using var bob = _factory.CreateBrowser();
        var laptopSession = await _factory.SignInAsync(laptop, sub: "alice", sid: "sid-1");
        var phoneSession = await _factory.SignInAsync(phone, sub: "alice", sid: "sid-2");
        var bobSession = await _factory.SignInAsync(bob, sub: "bob", sid: "sid-3");

        var list = (await (await laptop.GetApiAsync("/api/sessions")).JsonAsync()).AsArray();
        Assert.Equal(2, list.Count);
        Assert.Single(list, s => s!["current"]!.GetValue<bool>());
        Assert.All(list, s => Assert.False(string.IsNullOrEmpty(s!["id"]!.GetValue<string>())));
        Assert.All(list, s => Assert.NotNull(s!["expiresAt"]));

        var ended = await (await laptop.SendAsync(Http.Api(HttpMethod.Post, "/api/sessions/end-others"))).JsonAsync();

        Assert.Equal(1, ended["ended"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetApiAsync("/bff/user")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetApiAsync("/bff/user")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetApiAsync("/bff/user")).StatusCode);
        Assert.Contains(phoneSession.RefreshToken, _factory.Identity.Revoked);
        Assert.DoesNotContain(laptopSession.RefreshToken, _factory.Identity.Revoked);
        Assert.DoesNotContain(bobSession.RefreshToken, _factory.Identity.Revoked);
    }

    [Fact]
    public async Task I_can_end_one_of_my_sessions_but_not_someone_elses()
    {
        using var laptop = _factory.CreateBrowser();
        using var phone = _factory.CreateBrowser();
        using var bob = _factory.CreateBrowser();
        await _factory.SignInAsync(laptop, sub: "alice", sid: "sid-1");
        var phoneSession = await _factory.SignInAsync(phone, sub: "alice", sid: "sid-2");
        await _factory.SignInAsync(bob, sub: "bob", sid: "sid-3");
        var phoneId = (await (await phone.GetApiAsync("/api/sessions")).JsonAsync()).AsArray()
            .Single(s => s!["current"]!.GetValue<bool>())!["id"]!.GetValue<string>();

        await (await bob.SendAsync(Http.Api(HttpMethod.Delete, $"/api/sessions/{phoneId}"))).AssertProblemAsync(404, ErrorCodes.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetApiAsync("/bff/user")).StatusCode);

        var response = await laptop.SendAsync(Http.Api(HttpMethod.Delete, $"/api/sessions/{phoneId}"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetApiAsync("/bff/user")).StatusCode);
        Assert.Contains(phoneSession.RefreshToken, _factory.Identity.Revoked);
    }
}
