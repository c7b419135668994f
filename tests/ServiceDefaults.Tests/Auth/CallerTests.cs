using System.Security.Claims;
using BffPlatform.ServiceDefaults.Auth;

namespace BffPlatform.ServiceDefaults.Tests.Auth;

public sealed class CallerTests
{
    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer"));

    [Fact]
    public void Client_credentials_token_is_a_service_caller()
    {
        var principal = Principal(("sub", "internal-tools"), ("client_id", "internal-tools"), ("scope", "catalog.read orders.admin"));
        Assert.True(principal.IsServiceCaller());
        Assert.False(principal.IsUserCaller());
        Assert.True(principal.HasScope("orders.admin"));
        Assert.False(principal.HasScope("orders"));
    }

    [Fact]
    public void User_token_is_a_user_caller()
    {
        var principal = Principal(("sub", "2b9f0c5e"), ("client_id", "bff-web"), ("role", "customer"), ("scope", "openid core-api"));
        Assert.True(principal.IsUserCaller());
        Assert.Equal("2b9f0c5e", principal.SubjectId());
        Assert.Equal("bff-web", principal.ClientId());
    }

    [Fact]
    public void Entra_app_token_is_a_service_caller_and_scp_counts_as_scope()
    {
        var principal = Principal(("sub", "0f3c"), ("azp", "a1b2"), ("idtyp", "app"), ("scp", "catalog.read"));
        Assert.True(principal.IsServiceCaller());
        Assert.True(principal.HasScope("catalog.read"));
    }

    [Fact]
    public void Token_without_subject_is_never_a_user()
    {
        Assert.True(Principal(("client_id", "x")).IsServiceCaller());
    }
}
