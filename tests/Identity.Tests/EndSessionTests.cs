using System.Net;
using System.Text.Json;
using BffPlatform.Identity.Sessions;
using BffPlatform.Identity.Tests.Infrastructure;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.Identity.Tests;

/// <summary>Identity with its back-channel logout HttpClient captured instead of sent.</summary>
public sealed class IdentityWithCapturedBackChannel : IDisposable
{
    public CapturingHandler BackChannel { get; } = new();
    public IdentityFactory Identity { get; }

    public IdentityWithCapturedBackChannel()
    {
        var handler = BackChannel;
        Identity = new IdentityFactory
        {
            ConfigureServices = services => services.AddHttpClient(BackChannelLogoutSender.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => handler),
        };
    }

    public void Dispose() => Identity.Dispose();
}

/// <summary>
/// RP-initiated logout at identity, and the back-channel logout it sends (OpenID Connect
/// Back-Channel Logout 1.0 §2.4–2.5), checked against the spec with identity's published keys.
/// </summary>
public sealed class EndSessionTests(IdentityWithCapturedBackChannel fixture) : IClassFixture<IdentityWithCapturedBackChannel>
{
    private const string BackChannelUri = "http://127.0.0.1:5300/bff/backchannel";
    private readonly IdentityFactory _identity = fixture.Identity;
    private readonly CapturingHandler _backChannel = fixture.BackChannel;

    private static string EndSessionUrl(string idToken, string postLogout = OAuth.BffWebPostLogout) =>
        new RequestUrl(OAuth.EndSessionEndpoint).CreateEndSessionUrl(idTokenHint: idToken, postLogoutRedirectUri: postLogout, state: "bye");

    /// <summary>Signs in, ends the session, and returns the ID token and the logout POSTs this sign-out caused.</summary>
    private async Task<(JsonWebToken IdToken, HttpResponseMessage EndSession, List<CapturedRequest> Posts)> SignInAndOutAsync(HttpClient browser)
    {
        var tokens = await OAuth.CodeFlowAsync(_identity, browser);
        var idToken = OAuth.Read(tokens.IdentityToken!);
        var sid = idToken.GetClaim("sid").Value;
        var before = _backChannel.Requests.Count;

        var endSession = await browser.GetAsync(EndSessionUrl(tokens.IdentityToken!));

        // Other tests of this class share the handler: keep only the POSTs for this session.
        var posts = _backChannel.Requests.Skip(before)
            .Where(r => new JsonWebToken(QueryHelpers.ParseQuery(r.Body)["logout_token"].ToString()).GetClaim("sid").Value == sid)
            .ToList();
        return (idToken, endSession, posts);
    }

    [Fact]
    public async Task Sign_out_posts_a_logout_token_to_bff_web_that_meets_the_spec()
    {
        using var browser = _identity.CreateBrowser();
        var (idToken, _, posts) = await SignInAndOutAsync(browser);

        var post = Assert.Single(posts);
        Assert.Equal(HttpMethod.Post, post.Method);
        Assert.Equal(BackChannelUri, post.Uri.ToString());
        Assert.Equal("application/x-www-form-urlencoded", post.ContentType);
        var form = QueryHelpers.ParseQuery(post.Body);
        Assert.Equal(["logout_token"], form.Keys);
        var logoutToken = form["logout_token"].ToString();

        // §2.6 receiver's checks: signed by the OP's published key, iss, aud = client id, typ.
        var jwks = new JsonWebKeySet(await _identity.CreateClient().GetStringAsync("/.well-known/jwks"));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(logoutToken, new TokenValidationParameters
        {
            ValidIssuer = IdentityFactory.Issuer,
            ValidAudience = OAuth.BffWeb,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
            ValidTypes = ["logout+jwt"],
            RequireSignedTokens = true,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);

        var token = (JsonWebToken)validation.SecurityToken;
        Assert.Equal("logout+jwt", token.Typ);
        Assert.Equal("RS256", token.Alg);
        Assert.Equal([OAuth.BffWeb], token.Audiences);
        Assert.True(token.TryGetPayloadValue<long>("iat", out var iat));
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(iat), _identity.Time.GetUtcNow().AddMinutes(-1), _identity.Time.GetUtcNow().AddMinutes(1));
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(idToken.GetClaim("sid").Value, token.GetClaim("sid").Value);
        Assert.Equal(idToken.Subject, token.Subject);
        Assert.False(token.TryGetPayloadValue<object>("nonce", out _));

        // events: a JSON object whose member is the back-channel event URI with an empty object (§2.4).
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(logoutToken.Split('.')[1]));
        var events = payload.RootElement.GetProperty("events");
        Assert.Equal(JsonValueKind.Object, events.ValueKind);
        var member = Assert.Single(events.EnumerateObject());
        Assert.Equal("http://schemas.openid.net/event/backchannel-logout", member.Name);
        Assert.Equal(JsonValueKind.Object, member.Value.ValueKind);
        Assert.Empty(member.Value.EnumerateObject());
    }

    [Fact]
    public async Task Each_logout_token_is_unique()
    {
        using var first = _identity.CreateBrowser();
        using var second = _identity.CreateBrowser();

        var a = Assert.Single((await SignInAndOutAsync(first)).Posts);
        var b = Assert.Single((await SignInAndOutAsync(second)).Posts);

        var tokenA = new JsonWebToken(QueryHelpers.ParseQuery(a.Body)["logout_token"].ToString());
        var tokenB = new JsonWebToken(QueryHelpers.ParseQuery(b.Body)["logout_token"].ToString());
        Assert.NotEqual(tokenA.Id, tokenB.Id);
        Assert.NotEqual(tokenA.GetClaim("sid").Value, tokenB.GetClaim("sid").Value);
    }

    [Fact]
    public async Task Only_the_ended_session_is_announced_and_clients_without_a_back_channel_uri_get_nothing()
    {
        using var other = _identity.CreateBrowser();
        var otherSid = OAuth.Read((await OAuth.CodeFlowAsync(_identity, other)).IdentityToken!).GetClaim("sid").Value;
        using var browser = _identity.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(_identity, browser);
        // The same session also signs in to mobile-app, which registered no back-channel URI.
        var (verifier, challenge) = OAuth.NewPkce();
        var mobileCode = await OAuth.SignInAndAuthorizeAsync(browser, OAuth.MobileApp, OAuth.MobileRedirect, "openid core-api", challenge);
        Assert.False(mobileCode.IsError);
        var before = _backChannel.Requests.Count;

        var endSession = await browser.GetAsync(EndSessionUrl(tokens.IdentityToken!));

        Assert.Equal(HttpStatusCode.Redirect, endSession.StatusCode);
        var posts = _backChannel.Requests.Skip(before).Select(r => new JsonWebToken(QueryHelpers.ParseQuery(r.Body)["logout_token"].ToString())).ToList();
        Assert.DoesNotContain(posts, t => t.GetClaim("sid").Value == otherSid);
        var mine = Assert.Single(posts, t => t.GetClaim("sid").Value == OAuth.Read(tokens.IdentityToken!).GetClaim("sid").Value);
        Assert.Equal([OAuth.BffWeb], mine.Audiences);
    }

    [Fact]
    public async Task Sign_out_redirects_to_the_registered_post_logout_uri_and_ends_the_identity_session()
    {
        using var browser = _identity.CreateBrowser();
        var (_, endSession, _) = await SignInAndOutAsync(browser);

        var location = OAuth.RequireRedirect(endSession);
        Assert.StartsWith(OAuth.BffWebPostLogout, location.ToString(), StringComparison.Ordinal);
        Assert.Equal("bye", QueryHelpers.ParseQuery(location.Query)["state"].ToString());

        // The identity cookie is gone: authorizing again asks for a sign-in.
        var (_, challenge) = OAuth.NewPkce();
        var again = await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.BffWeb, OAuth.BffWebRedirect, OAuth.BffWebScopes, challenge));
        Assert.Equal("/account/login", OAuth.RequireRedirect(again).AbsolutePath);
    }

    [Fact]
    public async Task An_unregistered_post_logout_uri_is_refused_without_a_redirect()
    {
        using var browser = _identity.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(_identity, browser);

        var response = await browser.GetAsync(EndSessionUrl(tokens.IdentityToken!, "https://evil.example.test/"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_is_given_up_after_the_timeout_on_identitys_clock()
    {
        var hanging = new HangingHandler();
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?> { ["Identity:BackChannelLogoutTimeout"] = "00:00:05" })
        {
            // The HttpClient's own (real-time) timeout is switched off: only identity's clock can end the wait.
            ConfigureServices = services => services.AddHttpClient(BackChannelLogoutSender.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => hanging)
                .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan),
        };
        using var browser = identity.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(identity, browser);

        var endSession = browser.GetAsync(EndSessionUrl(tokens.IdentityToken!));
        await hanging.Received;
        identity.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(endSession.IsCompleted);
        identity.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.StartsWith(OAuth.BffWebPostLogout, OAuth.RequireRedirect(await endSession).ToString(), StringComparison.Ordinal);
        Assert.True(hanging.CallerGaveUp);
    }

    [Fact]
    public async Task A_failing_back_channel_receiver_does_not_block_sign_out()
    {
        using var failing = new CapturingHandler { Status = HttpStatusCode.InternalServerError };
        using var identity = new IdentityFactory
        {
            ConfigureServices = services => services.AddHttpClient(BackChannelLogoutSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => failing),
        };
        using var browser = identity.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(identity, browser);

        var endSession = await browser.GetAsync(EndSessionUrl(tokens.IdentityToken!));

        Assert.StartsWith(OAuth.BffWebPostLogout, OAuth.RequireRedirect(endSession).ToString(), StringComparison.Ordinal);
        Assert.Single(failing.Requests);
    }
}
