using System.Net;
using BffPlatform.Contracts.Common;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Tests.Authentication;

/// <summary>
/// Every token needs the scope (ScopeTests, route by route); on top a user acts by role, and
/// services never become users.
/// </summary>
public sealed class AuthorizationTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    private const string Users = "/api/v1/users";

    [Fact]
    public async Task A_customer_on_a_staff_endpoint_is_403_problem()
    {
        var response = await app.CustomerClient().GetAsync(Users);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_customer_token_carrying_the_scope_is_still_403()
    {
        // bff-web asks for catalog.write on behalf of every user: the scope is needed, not enough.
        var customer = TestTokens.User("mallory") with { Scopes = [Scopes.UsersRead, Scopes.CatalogWrite] };
        var response = await app.ClientFor(customer).GetAsync(Users);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Staff_may_list_users()
    {
        var response = await app.StaffClient().GetAsync(Users);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_service_without_the_scope_is_403_and_with_it_200()
    {
        var without = await app.ServiceClient(Scopes.CatalogRead, Scopes.OrdersRead).GetAsync(Users);
        await without.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var with = await app.ServiceClient(Scopes.UsersRead).GetAsync(Users);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task A_service_is_not_a_user()
    {
        var me = await app.ServiceClient(Scopes.UsersRead).GetAsync($"{Users}/me");
        await me.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var ping = await app.ServiceClient(Scopes.UsersRead).GetAsync("/api/v1/ping");
        var body = await ping.ReadJsonAsync<Ping.PingResponse>();
        Assert.Equal("service", body.CallerKind);

        var rows = await app.WithDbAsync(db => db.Users.CountAsync(u => u.Id == "test-service"));
        Assert.Equal(0, rows);
    }
}
