using System.Net;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Users;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Tests.Users;

/// <summary>The user row follows the token's claims; time is driven, never waited for.</summary>
public sealed class UserSyncTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    private Task<BffPlatform.CoreApi.Users.User?> RowAsync(string login) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == TestTokens.SubjectOf(login)));

    [Fact]
    public async Task The_first_call_creates_the_row_from_the_claims()
    {
        var me = await (await app.CustomerClient("carol").GetAsync("/api/v1/users/me")).ReadJsonAsync<UserDto>();
        Assert.Equal(TestTokens.SubjectOf("carol"), me.Id);
        Assert.Equal("carol@shop.test", me.Email);
        Assert.Equal("Carol", me.Name);
        Assert.Equal(Roles.Customer, me.Role);
        Assert.Equal(app.Time.GetUtcNow(), me.CreatedAt);
    }

    [Fact]
    public async Task Changed_claims_are_written_at_once()
    {
        await app.CustomerClient("dave").GetAsync("/api/v1/ping");
        var renamed = TestTokens.User("dave") with { Name = "David Jones", Email = "david@shop.test", Role = Roles.Staff };
        var me = await (await app.ClientFor(renamed).GetAsync("/api/v1/users/me")).ReadJsonAsync<UserDto>();
        Assert.Equal(("David Jones", "david@shop.test", Roles.Staff), (me.Name, me.Email, me.Role));
        var row = await RowAsync("dave");
        Assert.Equal(("David Jones", Roles.Staff), (row!.Name, row.Role));
    }

    [Fact]
    public async Task Last_seen_is_written_at_most_once_a_minute()
    {
        var client = app.CustomerClient("erin");
        await client.GetAsync("/api/v1/ping");
        var first = (await RowAsync("erin"))!.LastSeenAt;

        app.Time.Advance(TimeSpan.FromSeconds(30));
        await client.GetAsync("/api/v1/ping");
        Assert.Equal(first, (await RowAsync("erin"))!.LastSeenAt);

        app.Time.Advance(TimeSpan.FromSeconds(31));
        await client.GetAsync("/api/v1/ping");
        Assert.Equal(first.AddSeconds(61), (await RowAsync("erin"))!.LastSeenAt);
    }

    [Fact]
    public async Task An_unknown_role_is_stored_as_customer()
    {
        await app.ClientFor(TestTokens.User("frank", role: "admin")).GetAsync("/api/v1/ping");
        Assert.Equal(Roles.Customer, (await RowAsync("frank"))!.Role);
    }

    [Fact]
    public async Task A_rejected_token_writes_nothing()
    {
        var expired = TestTokens.User("gina") with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-2) };
        var response = await app.ClientFor(expired).GetAsync("/api/v1/ping");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await RowAsync("gina"));
    }

    [Fact]
    public async Task Parallel_first_calls_of_a_new_user_make_one_row()
    {
        var client = app.CustomerClient("hana");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync("/api/v1/users/me")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Id == TestTokens.SubjectOf("hana"))));
    }

    [Fact]
    public async Task Staff_page_through_users_by_id()
    {
        foreach (var login in new[] { "u1", "u2", "u3", "u4", "u5" })
        {
            await app.CustomerClient(login).GetAsync("/api/v1/ping");
        }
        var staff = app.ServiceClient(Scopes.UsersRead);
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await staff.GetAsync($"/api/v1/users?pageSize=2{(cursor is null ? "" : "&cursor=" + cursor)}")).ReadJsonAsync<Page<UserDto>>();
            Assert.True(page.Items.Count <= 2);
            ids.AddRange(page.Items.Select(u => u.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Superset(new[] { "u1", "u2", "u3", "u4", "u5" }.Select(TestTokens.SubjectOf).ToHashSet(), ids.ToHashSet());
        Assert.DoesNotContain("test-service", ids);

        var bad = await staff.GetAsync("/api/v1/users?cursor=%%%");
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
        var big = await staff.GetAsync("/api/v1/users?pageSize=101");
        await big.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
