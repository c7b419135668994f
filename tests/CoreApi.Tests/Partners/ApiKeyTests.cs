using System.Net;
using System.Net.Http.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.PartnerRequests;

namespace BffPlatform.CoreApi.Tests.Partners;

public sealed class ApiKeyTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    [Fact]
    public async Task A_new_keys_secret_is_shown_once_and_only_its_hash_and_prefix_are_stored()
    {
        var partner = await app.CreatePartnerAsync();

        var issued = await app.IssueKeyAsync(partner.Id, ApiKeyKinds.Live, [PartnerScopes.OrdersRead, PartnerScopes.CatalogRead]);

        Assert.True(ApiKeyFormat.TryParse(issued.Secret, out var parsed));
        Assert.Equal(ApiKeyKinds.Live, parsed.Kind);
        Assert.Equal(parsed.DisplayPrefix, issued.Key.DisplayPrefix);
        // Stored in the vocabulary's order, whatever order they were asked in.
        Assert.Equal([PartnerScopes.CatalogRead, PartnerScopes.OrdersRead], issued.Key.Scopes);
        var listBody = await (await app.PartnerAdminClient().GetAsync($"/api/v1/partners/{partner.Id}/keys")).Content.ReadAsStringAsync();
        Assert.Contains(issued.Key.DisplayPrefix, listBody, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Secret, listBody, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Secret[issued.Key.DisplayPrefix.Length..], listBody, StringComparison.Ordinal);

        var stored = await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == issued.Key.Id));
        Assert.Equal(ApiKeyFormat.Hash(issued.Secret), stored.Hash);
        var audit = await app.WithDbAsync(db => db.PartnerAudit.AsNoTracking().SingleAsync(e => e.KeyId == issued.Key.Id));
        Assert.Equal(PartnerAuditActions.KeyIssued, audit.Action);
        Assert.DoesNotContain(issued.Secret[issued.Key.DisplayPrefix.Length..], audit.Summary, StringComparison.Ordinal);
    }

    public static TheoryData<IssueApiKeyRequest, string> BadKeys => new()
    {
        { new IssueApiKeyRequest("", ApiKeyKinds.Live, [PartnerScopes.CatalogRead]), "name" },
        { new IssueApiKeyRequest("k", "prod", [PartnerScopes.CatalogRead]), "kind" },
        { new IssueApiKeyRequest("k", ApiKeyKinds.Live, []), "scopes" },
        { new IssueApiKeyRequest("k", ApiKeyKinds.Live, ["orders:delete"]), "scopes" },
        { new IssueApiKeyRequest("k", ApiKeyKinds.Live, ["catalog.read"]), "scopes" },
        { new IssueApiKeyRequest("k", ApiKeyKinds.Live, [PartnerScopes.CatalogRead, PartnerScopes.CatalogRead]), "scopes" },
        { new IssueApiKeyRequest("k", ApiKeyKinds.Publishable, [PartnerScopes.CatalogRead, PartnerScopes.OrdersRead]), "scopes" },
        { new IssueApiKeyRequest("k", ApiKeyKinds.Publishable, [PartnerScopes.OrdersWrite]), "scopes" },
        { new IssueApiKeyRequest("k", ApiKeyKinds.Live, [PartnerScopes.CatalogRead], DateTimeOffset.UtcNow.AddDays(-1)), "expiresAt" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_bad_key_request_is_refused_naming_the_field_and_nothing_is_created(IssueApiKeyRequest request, string field)
    {
        var partner = await app.CreatePartnerAsync();
        var (keys, audit) = (await app.KeyCountAsync(), await app.AuditCountAsync());

        var response = await app.PartnerAdminClient().PostAsJsonAsync($"/api/v1/partners/{partner.Id}/keys", request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal([field], problem.ErrorFields());
        Assert.Equal((keys, audit), (await app.KeyCountAsync(), await app.AuditCountAsync()));
    }

    [Fact]
    public async Task Keys_of_an_unknown_partner_are_404()
    {
        var staff = app.PartnerAdminClient();
        await (await staff.PostAsJsonAsync($"/api/v1/partners/{Guid.NewGuid()}/keys", new IssueApiKeyRequest("k", ApiKeyKinds.Live, PartnerScopes.All)))
            .AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await staff.GetAsync($"/api/v1/partners/{Guid.NewGuid()}/keys")).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_rolled_key_keeps_working_for_the_overlap_then_expires_and_its_successor_works()
    {
        var partner = await app.CreatePartnerAsync();
        var old = await app.IssueKeyAsync(partner.Id, ApiKeyKinds.Live, [PartnerScopes.OrdersRead]);

        var rolled = await app.PartnerAdminClient().PostAsJsonAsync($"/api/v1/partners/{partner.Id}/keys/{old.Key.Id}/roll", new RollApiKeyRequest(24));

        Assert.Equal(HttpStatusCode.Created, rolled.StatusCode);
        var successor = await rolled.ReadJsonAsync<IssuedApiKeyDto>();
        Assert.NotEqual(old.Secret, successor.Secret);
        Assert.Equal((old.Key.Name, old.Key.Kind), (successor.Key.Name, successor.Key.Kind));
        Assert.Equal(old.Key.Scopes, successor.Key.Scopes);
        Assert.Null(successor.Key.ExpiresAt);
        Assert.Equal(HttpStatusCode.OK, (await app.VerifyAsync(old.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.VerifyAsync(successor.Secret)).StatusCode);

        app.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        await (await app.VerifyAsync(old.Secret)).AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.ApiKeyExpired);
        Assert.Equal(HttpStatusCode.OK, (await app.VerifyAsync(successor.Secret)).StatusCode);
        var audit = await app.WithDbAsync(db => db.PartnerAudit.AsNoTracking().SingleAsync(e => e.Action == PartnerAuditActions.KeyRolled && e.KeyId == old.Key.Id));
        Assert.Contains(successor.Key.DisplayPrefix, audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rolling_with_no_overlap_stops_the_old_key_at_once_and_a_rolled_key_cannot_be_rolled_again()
    {
        var partner = await app.CreatePartnerAsync();
        var old = await app.IssueKeyAsync(partner.Id);
        var staff = app.PartnerAdminClient();

        var rolled = await staff.PostAsJsonAsync($"/api/v1/partners/{partner.Id}/keys/{old.Key.Id}/roll", new RollApiKeyRequest(0));
        Assert.Equal(HttpStatusCode.Created, rolled.StatusCode);

        await (await app.VerifyAsync(old.Secret)).AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.ApiKeyExpired);
        await (await staff.PostAsJsonAsync($"/api/v1/partners/{partner.Id}/keys/{old.Key.Id}/roll", new RollApiKeyRequest(1)))
            .AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(169)]
    [InlineData(100000)]
    public async Task An_overlap_out_of_bounds_is_refused_and_the_key_is_untouched(int hours)
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);
        var keys = await app.KeyCountAsync();

        var response = await app.PartnerAdminClient().PostAsJsonAsync($"/api/v1/partners/{partner.Id}/keys/{key.Key.Id}/roll", new RollApiKeyRequest(hours));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(["overlapHours"], problem.ErrorFields());
        Assert.Equal(keys, await app.KeyCountAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.VerifyAsync(key.Secret)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_stops_at_once_revoking_again_changes_nothing_and_it_cannot_be_rolled()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);
        var staff = app.PartnerAdminClient();

        var revoked = await (await staff.PostAsync($"/api/v1/partners/{partner.Id}/keys/{key.Key.Id}/revoke", null)).ReadJsonAsync<ApiKeyDto>();
        Assert.NotNull(revoked.RevokedAt);
        await (await app.VerifyAsync(key.Secret)).AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.ApiKeyRevoked);

        var audit = await app.AuditCountAsync();
        var again = await (await staff.PostAsync($"/api/v1/partners/{partner.Id}/keys/{key.Key.Id}/revoke", null)).ReadJsonAsync<ApiKeyDto>();
        Assert.Equal(revoked.RevokedAt, again.RevokedAt);
        Assert.Equal(audit, await app.AuditCountAsync());
        await (await staff.PostAsJsonAsync($"/api/v1/partners/{partner.Id}/keys/{key.Key.Id}/roll", new RollApiKeyRequest(1)))
            .AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
    }

    [Fact]
    public async Task A_key_is_reached_only_through_its_own_partner()
    {
        var owner = await app.CreatePartnerAsync("Owner");
        var other = await app.CreatePartnerAsync("Other");
        var key = await app.IssueKeyAsync(owner.Id);
        var staff = app.PartnerAdminClient();

        await (await staff.PostAsync($"/api/v1/partners/{other.Id}/keys/{key.Key.Id}/revoke", null)).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await staff.PostAsJsonAsync($"/api/v1/partners/{other.Id}/keys/{key.Key.Id}/roll", new RollApiKeyRequest(1)))
            .AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await app.VerifyAsync(key.Secret)).StatusCode);
        Assert.Empty(await (await staff.GetAsync($"/api/v1/partners/{other.Id}/keys")).ReadJsonAsync<List<ApiKeyDto>>());
    }

    [Fact]
    public async Task A_key_with_an_explicit_expiry_works_until_then()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id, expiresAt: app.Time.GetUtcNow().AddHours(2));

        var verified = await (await app.VerifyAsync(key.Secret)).ReadJsonAsync<ApiKeyVerificationDto>();
        Assert.Equal(key.Key.ExpiresAt, verified.ExpiresAt);

        app.Time.Advance(TimeSpan.FromHours(2));
        await (await app.VerifyAsync(key.Secret)).AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.ApiKeyExpired);
    }
}
