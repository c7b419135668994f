using System.Net;
using System.Net.Http.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Tests.Infrastructure;
using static BffPlatform.CoreApi.Tests.Infrastructure.PartnerRequests;

namespace BffPlatform.CoreApi.Tests.Partners;

public sealed class PartnerAdminTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    [Fact]
    public async Task Staff_create_read_and_update_a_partner_and_each_change_is_audited_with_who_did_it()
    {
        var staff = app.PartnerAdminClient("sam");
        var created = await staff.PostAsJsonAsync("/api/v1/partners", new CreatePartnerRequest("Globex Retail", "growth-2"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var partner = await created.ReadJsonAsync<PartnerDto>();
        Assert.Equal($"/api/v1/partners/{partner.Id}", created.Headers.Location?.ToString());
        Assert.Equal(("Globex Retail", "growth-2", true), (partner.Name, partner.Plan, partner.Active));

        var read = await (await staff.GetAsync($"/api/v1/partners/{partner.Id}")).ReadJsonAsync<PartnerDto>();
        Assert.Equal(partner, read);

        var updated = await (await staff.PutAsJsonAsync($"/api/v1/partners/{partner.Id}", new UpdatePartnerRequest("Globex", "pro", false)))
            .ReadJsonAsync<PartnerDto>();
        Assert.Equal(("Globex", "pro", false), (updated.Name, updated.Plan, updated.Active));

        var audit = await (await staff.GetAsync($"/api/v1/partners/audit?partnerId={partner.Id}")).ReadJsonAsync<Page<PartnerAuditEntryDto>>();
        Assert.Equal([PartnerAuditActions.PartnerUpdated, PartnerAuditActions.PartnerCreated], audit.Items.Select(e => e.Action));
        Assert.All(audit.Items, e => Assert.Equal((TestTokens.SubjectOf("sam"), "Sam", partner.Id), (e.Actor, e.ActorName, e.PartnerId)));
        Assert.Contains("deactivated", audit.Items[0].Summary, StringComparison.Ordinal);
        Assert.Contains("growth-2", audit.Items[1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_writes_no_audit_entry()
    {
        var partner = await app.CreatePartnerAsync("Same Same");
        var before = await app.AuditCountAsync();

        var response = await app.PartnerAdminClient().PutAsJsonAsync($"/api/v1/partners/{partner.Id}", new UpdatePartnerRequest("Same Same", "free", true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await app.AuditCountAsync());
    }

    public static TheoryData<string, string, string> BadPartners => new()
    {
        { "", "free", "name" },
        { "   ", "free", "name" },
        { new string('n', 101), "free", "name" },
        { "Tab\tName", "free", "name" },
        { " Padded", "free", "name" },
        { "Fine", "", "plan" },
        { "Fine", "Free", "plan" },
        { "Fine", "gold plan", "plan" },
        { "Fine", "-free", "plan" },
        { "Fine", new string('p', 41), "plan" },
    };

    [Theory]
    [MemberData(nameof(BadPartners))]
    public async Task A_bad_partner_is_refused_naming_the_field_and_nothing_is_created_or_audited(string name, string plan, string field)
    {
        var (partners, audit) = (await app.PartnerCountAsync(), await app.AuditCountAsync());

        var response = await app.PartnerAdminClient().PostAsJsonAsync("/api/v1/partners", new CreatePartnerRequest(name, plan));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal([field], problem.ErrorFields());
        Assert.Equal((partners, audit), (await app.PartnerCountAsync(), await app.AuditCountAsync()));
    }

    [Fact]
    public async Task A_bad_update_changes_nothing_and_an_unknown_partner_is_404()
    {
        var partner = await app.CreatePartnerAsync("Stays");
        var staff = app.PartnerAdminClient();

        var bad = await staff.PutAsJsonAsync($"/api/v1/partners/{partner.Id}", new UpdatePartnerRequest("Stays", "NOPE", false));
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(partner, await (await staff.GetAsync($"/api/v1/partners/{partner.Id}")).ReadJsonAsync<PartnerDto>());

        var unknown = await staff.PutAsJsonAsync($"/api/v1/partners/{Guid.NewGuid()}", new UpdatePartnerRequest("X", "free", true));
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await staff.GetAsync($"/api/v1/partners/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task The_list_pages_by_name_with_a_cursor()
    {
        var prefix = "Paged " + Guid.NewGuid().ToString("N")[..6];
        foreach (var letter in new[] { "C", "A", "B" })
        {
            await app.CreatePartnerAsync($"{prefix} {letter}");
        }
        var staff = app.PartnerAdminClient();
        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await staff.GetAsync($"/api/v1/partners?pageSize=2{(cursor is null ? "" : "&cursor=" + cursor)}")).ReadJsonAsync<Page<PartnerDto>>();
            Assert.True(page.Items.Count <= 2);
            names.AddRange(page.Items.Select(p => p.Name));
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal([$"{prefix} A", $"{prefix} B", $"{prefix} C"], names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        await (await staff.GetAsync("/api/v1/partners?cursor=garbage")).AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidCursor);
        await (await staff.GetAsync("/api/v1/partners?pageSize=0")).AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task The_audit_log_pages_newest_first()
    {
        for (var i = 0; i < 3; i++)
        {
            await app.CreatePartnerAsync($"Audited {i}");
        }
        var staff = app.PartnerAdminClient();
        var first = await (await staff.GetAsync("/api/v1/partners/audit?pageSize=2")).ReadJsonAsync<Page<PartnerAuditEntryDto>>();
        var second = await (await staff.GetAsync($"/api/v1/partners/audit?pageSize=2&cursor={first.NextCursor}")).ReadJsonAsync<Page<PartnerAuditEntryDto>>();

        var ids = first.Items.Concat(second.Items).Select(e => e.Id).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    public static TheoryData<string> NotPartnerAdmins => new() { "customer-with-scope", "staff-without-scope", "service-with-scope", "public-api" };

    [Theory]
    [MemberData(nameof(NotPartnerAdmins))]
    public async Task Only_staff_with_partners_admin_manage_partners(string who)
    {
        var partner = await app.CreatePartnerAsync("Guarded");
        var client = who switch
        {
            "customer-with-scope" => app.ClientFor(TestTokens.User("eve") with { Scopes = [.. TestTokens.EveryScope, Scopes.PartnersAdmin] }),
            "staff-without-scope" => app.StaffClient(),
            "service-with-scope" => app.ServiceClient(Scopes.Audience, Scopes.PartnersAdmin),
            _ => app.PublicApiClient(),
        };
        var (partners, audit) = (await app.PartnerCountAsync(), await app.AuditCountAsync());

        await (await client.GetAsync("/api/v1/partners")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await client.GetAsync($"/api/v1/partners/{partner.Id}/keys")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await client.GetAsync("/api/v1/partners/audit")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await client.PostAsJsonAsync("/api/v1/partners", new CreatePartnerRequest("Sneaky", "free")))
            .AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await client.PostAsJsonAsync($"/api/v1/partners/{partner.Id}/keys", new IssueApiKeyRequest("k", ApiKeyKinds.Live, PartnerScopes.All)))
            .AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.Equal((partners, audit), (await app.PartnerCountAsync(), await app.AuditCountAsync()));
        await (await app.AnonymousClient().GetAsync("/api/v1/partners")).AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }
}
