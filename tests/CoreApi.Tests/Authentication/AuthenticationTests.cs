using System.Net;
using BffPlatform.CoreApi.Tests.Infrastructure;

namespace BffPlatform.CoreApi.Tests.Authentication;

/// <summary>Every malformed or foreign token is 401 Problem Details, through the production validation rules.</summary>
public sealed class AuthenticationTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    private const string Ping = "/api/v1/ping";
    private static readonly TokenSpec Alice = TestTokens.User("alice");

    [Fact]
    public async Task A_valid_token_is_accepted()
    {
        var response = await app.CustomerClient().GetAsync(Ping);
        var body = await response.ReadJsonAsync<Ping.PingResponse>();
        Assert.Equal("user", body.CallerKind);
        Assert.Equal(TestTokens.SubjectOf("alice"), body.Id);
    }

    [Fact]
    public async Task No_token_is_401_problem()
    {
        var response = await app.AnonymousClient().GetAsync(Ping);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", TestTokens.Create(Alice with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-3), Lifetime = TimeSpan.FromHours(1) }) },
        { "not yet valid", TestTokens.Create(Alice with { IssuedAt = DateTimeOffset.UtcNow.AddHours(1) }) },
        { "wrong audience", TestTokens.Create(Alice with { Audience = "bff-web" }) },
        { "wrong issuer", TestTokens.Create(Alice with { Issuer = "https://evil.test/" }) },
        { "tampered payload", TestTokens.Tampered(Alice) },
        { "alg none", TestTokens.AlgNone(Alice) },
        { "HS256 signed with the public key", TestTokens.Hs256WithPublicKey(Alice) },
        { "signed by an unknown key", TestTokens.ForeignKey(Alice) },
        { "wrong typ (id token)", TestTokens.Create(Alice with { TokenType = "id_token+jwt" }) },
        { "garbage", "not-a-jwt" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_401_problem(string why, string token)
    {
        var response = await app.ClientWithToken(token).GetAsync(Ping);
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.False(problem.TryGetProperty("errors", out _), why);
    }

    [Fact]
    public async Task A_tampered_token_does_not_become_staff()
    {
        // The same request with a genuine staff token succeeds: the 401 above is the signature.
        var staff = await app.StaffClient().GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        var tampered = await app.ClientWithToken(TestTokens.Tampered(Alice)).GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
    }

    [Fact]
    public async Task Health_and_docs_are_anonymous()
    {
        var client = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/docs/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/redoc/index.html")).StatusCode);
    }
}
