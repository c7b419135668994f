using System.Net;
using System.Net.Http.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Tests.Partners;

public abstract class PartnerUsageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : CoreApiFactory
{
    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private Task<HttpResponseMessage> ReportAsync(string reporter, params UsageCountDto[] counts) =>
        app.PublicApiClient().PutAsJsonAsync("/api/v1/partners/usage", new UsageReportRequest(reporter, counts));

    private async Task<List<UsageDayDto>> UsageAsync(HttpClient client, Guid partnerId, string query = "") =>
        await (await client.GetAsync($"/api/v1/partners/{partnerId}/usage{query}")).ReadJsonAsync<List<UsageDayDto>>();

    [Fact]
    public async Task A_retried_report_never_counts_twice_and_reporters_add_up()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);
        var day = Today;

        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync("public-api-1", new UsageCountDto(key.Key.Id, day, 10, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync("public-api-1", new UsageCountDto(key.Key.Id, day, 10, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync("public-api-2", new UsageCountDto(key.Key.Id, day, 5, 0))).StatusCode);
        // The first reporter's later, larger absolute count replaces its earlier one.
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync("public-api-1", new UsageCountDto(key.Key.Id, day, 12, 2))).StatusCode);

        var usage = await UsageAsync(app.PartnerAdminClient(), partner.Id);
        Assert.Equal([new UsageDayDto(key.Key.Id, day, 17, 2)], usage);
    }

    [Fact]
    public async Task A_report_overtaken_by_a_newer_one_of_the_same_reporter_never_lowers_its_counts()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);
        var day = Today;

        // Scaled out every instance reports the same shared totals as one reporter; one read earlier may arrive later.
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync("redis-0123456789abcdef", new UsageCountDto(key.Key.Id, day, 20, 3))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync("redis-0123456789abcdef", new UsageCountDto(key.Key.Id, day, 18, 2))).StatusCode);

        Assert.Equal([new UsageDayDto(key.Key.Id, day, 20, 3)], await UsageAsync(app.PartnerAdminClient(), partner.Id));
    }

    [Fact]
    public async Task Usage_is_per_key_and_day_within_the_range_and_updates_the_keys_last_use()
    {
        var partner = await app.CreatePartnerAsync();
        var live = await app.IssueKeyAsync(partner.Id);
        var test = await app.IssueKeyAsync(partner.Id, ApiKeyKinds.Test);
        var idle = await app.IssueKeyAsync(partner.Id, ApiKeyKinds.Test);
        var (today, yesterday, old) = (Today, Today.AddDays(-1), Today.AddDays(-40));

        await ReportAsync("r1",
            new UsageCountDto(live.Key.Id, yesterday, 3, 0), new UsageCountDto(live.Key.Id, today, 4, 0),
            new UsageCountDto(test.Key.Id, old, 9, 0), new UsageCountDto(idle.Key.Id, today, 0, 0));

        var usage = await UsageAsync(app.PartnerAdminClient(), partner.Id);
        Assert.Equal(3, usage.Count);
        Assert.DoesNotContain(usage, u => u.Day == old);
        Assert.Equal(7, usage.Where(u => u.KeyId == live.Key.Id).Sum(u => u.Requests));
        var ranged = await UsageAsync(app.PartnerAdminClient(), partner.Id, $"?from={old:yyyy-MM-dd}&to={old:yyyy-MM-dd}");
        Assert.Equal([new UsageDayDto(test.Key.Id, old, 9, 0)], ranged);

        var keys = await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().Where(k => k.PartnerId == partner.Id).ToDictionaryAsync(k => k.Id, k => k.LastUsedOn));
        Assert.Equal(new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), keys[live.Key.Id]);
        Assert.Equal(new DateTimeOffset(old.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), keys[test.Key.Id]);
        Assert.Null(keys[idle.Key.Id]);

        // A late report of an older day does not move the last use back.
        await ReportAsync("r2", new UsageCountDto(live.Key.Id, old, 1, 0));
        Assert.Equal(new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().Where(k => k.Id == live.Key.Id).Select(k => k.LastUsedOn).SingleAsync()));
    }

    [Fact]
    public async Task Public_api_reads_the_usage_of_the_partner_it_acts_for_and_of_no_other()
    {
        var acme = await app.CreatePartnerAsync("Acme");
        var globex = await app.CreatePartnerAsync("Globex");
        var key = await app.IssueKeyAsync(acme.Id);
        await ReportAsync("r1", new UsageCountDto(key.Key.Id, Today, 2, 0));

        Assert.Single(await UsageAsync(app.ActingFor(acme.Id), acme.Id));
        await (await app.ActingFor(globex.Id).GetAsync($"/api/v1/partners/{acme.Id}/usage")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await app.PublicApiClient().GetAsync($"/api/v1/partners/{acme.Id}/usage")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await app.StaffClient().GetAsync($"/api/v1/partners/{acme.Id}/usage")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await app.PartnerAdminClient().GetAsync($"/api/v1/partners/{Guid.NewGuid()}/usage")).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Concurrent_reports_of_one_row_leave_one_row_with_the_reported_count()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);

        // A reporter's retries racing each other: both find no row and insert; the primary key
        // refuses the loser, whose second attempt replaces the winner's row with the same count.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ReportAsync("racer", new UsageCountDto(key.Key.Id, Today, 9, 1))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        Assert.Equal([new UsageDayDto(key.Key.Id, Today, 9, 1)], await UsageAsync(app.PartnerAdminClient(), partner.Id));
    }

    public static TheoryData<string, string> BadReports => new()
    {
        { "", "reporter" },
        { "has space", "reporter" },
        { new string('r', 65), "reporter" },
        { "negative", "counts[0].requests" },
        { "rejected-above", "counts[0].rejected" },
        { "future", "counts[0].day" },
        { "ancient", "counts[0].day" },
        { "duplicate", "counts" },
        { "unknown-key", "counts[1].keyId" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task A_bad_report_is_refused_naming_the_field_and_nothing_is_stored(string reporter, string field)
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);
        var good = new UsageCountDto(key.Key.Id, Today, 1, 0);
        UsageCountDto[] counts = reporter switch
        {
            "negative" => [good with { Requests = -1 }],
            "rejected-above" => [good with { Rejected = 2 }],
            "future" => [good with { Day = Today.AddDays(2) }],
            "ancient" => [good with { Day = Today.AddDays(-400) }],
            "duplicate" => [good, good],
            "unknown-key" => [good, good with { KeyId = Guid.NewGuid() }],
            _ => [good],
        };
        var name = reporter.Length > 20 || reporter.Contains(' ') || reporter == "" ? reporter : "r1";
        var before = await app.WithDbAsync(db => db.PartnerUsage.CountAsync());

        var response = await app.PublicApiClient().PutAsJsonAsync("/api/v1/partners/usage", new UsageReportRequest(name, counts));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal([field], problem.ErrorFields());
        Assert.Equal(before, await app.WithDbAsync(db => db.PartnerUsage.CountAsync()));
        Assert.Null(await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().Where(k => k.Id == key.Key.Id).Select(k => k.LastUsedOn).SingleAsync()));
    }

    [Theory]
    [InlineData("?from=2026-02-10&to=2026-02-01", "from")]
    [InlineData("?from=2024-01-01&to=2026-01-01", "to")]
    public async Task A_bad_range_is_refused_naming_the_field(string query, string field)
    {
        var partner = await app.CreatePartnerAsync();

        var problem = await (await app.PartnerAdminClient().GetAsync($"/api/v1/partners/{partner.Id}/usage{query}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal([field], problem.ErrorFields());
    }
}

/// <summary>On the embedded default: a SQLite file.</summary>
public sealed class PartnerUsageOnSqliteTests(CoreApiFactory app) : PartnerUsageTests<CoreApiFactory>(app);

/// <summary>On a real PostgreSQL server.</summary>
public sealed class PartnerUsageOnPostgresTests(PostgresCoreApiFactory app) : PartnerUsageTests<PostgresCoreApiFactory>(app);
