using BffPlatform.Identity.Data;
using BffPlatform.Identity.Tests.Infrastructure;
using Duende.IdentityModel.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.Identity.Tests.Postgres;

/// <summary>
/// identity on PostgreSQL (the scaled-out store): the PostgreSQL migrations build the schema, the
/// seeded clients and demo users work, and the token flows the doors use run end to end on it.
/// </summary>
public sealed class PostgresStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task The_postgres_migrations_build_the_schema_and_the_store_is_PostgresIdentityDb()
    {
        using var identity = await postgres.NewIdentityAsync();
        identity.CreateClient().Dispose();

        await using var scope = identity.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        Assert.IsType<PostgresIdentityDb>(db);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.NotEmpty(applied);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(3, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Code_flow_refresh_and_userinfo_of_a_demo_user_work()
    {
        using var identity = await postgres.NewIdentityAsync();
        using var browser = identity.CreateBrowser();

        var tokens = await OAuth.CodeFlowAsync(identity, browser);
        var refreshed = await OAuth.RefreshAsync(identity.CreateClient(), tokens.RefreshToken!);
        var userInfo = await identity.CreateClient().GetUserInfoAsync(new UserInfoRequest { Address = OAuth.UserInfoEndpoint, Token = refreshed.AccessToken });

        Assert.False(refreshed.IsError, refreshed.Error + " " + refreshed.ErrorDescription);
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        Assert.False(userInfo.IsError, userInfo.Error);
        Assert.Equal(OAuth.AliceEmail, userInfo.Claims.Single(c => c.Type == "email").Value);
        // The rotated refresh token is spent once the leeway has passed: the store records redemption.
        identity.Time.Advance(TimeSpan.FromMinutes(1));
        var reused = await OAuth.RefreshAsync(identity.CreateClient(), tokens.RefreshToken!);
        Assert.Equal("invalid_grant", reused.Error);
    }

    [Fact]
    public async Task Client_credentials_and_the_mobile_token_exchange_work()
    {
        using var identity = await postgres.NewIdentityAsync();

        var service = await OAuth.ClientCredentialsAsync(identity.CreateClient(), OAuth.InternalTools, OAuth.InternalToolsSecret, "core-api catalog.read");
        using var browser = identity.CreateBrowser();
        var mobile = await OAuth.CodeFlowAsync(identity, browser, OAuth.MobileApp, null, OAuth.MobileRedirect, "openid offline_access core-api orders.read");
        var exchanged = await identity.CreateClient().RequestTokenExchangeTokenAsync(new TokenExchangeTokenRequest
        {
            Address = OAuth.TokenEndpoint, ClientId = OAuth.BffMobile, ClientSecret = OAuth.BffMobileSecret,
            SubjectToken = mobile.AccessToken!, SubjectTokenType = "urn:ietf:params:oauth:token-type:access_token", Audience = "core-api",
        });

        Assert.False(service.IsError, service.Error + " " + service.ErrorDescription);
        Assert.Equal(["core-api"], OAuth.Read(service.AccessToken!).Audiences);
        Assert.False(exchanged.IsError, exchanged.Error + " " + exchanged.ErrorDescription);
        Assert.Equal(OAuth.Read(mobile.AccessToken!).Subject, OAuth.Read(exchanged.AccessToken!).Subject);
        Assert.Equal(["core-api"], OAuth.Read(exchanged.AccessToken!).Audiences);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused_on_postgres_too()
    {
        using var identity = await postgres.NewIdentityAsync();

        var response = await OAuth.ClientCredentialsAsync(identity.CreateClient(), OAuth.InternalTools, "not-the-secret");

        Assert.Equal("invalid_client", OAuth.ErrorCode(response));
    }
}
