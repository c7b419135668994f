using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Tests.Infrastructure;
using BffPlatform.PublicApi.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.PublicApi.Tests.Api;

/// <summary>Usage per key and day: counted by the door, reported to core-api as absolute figures per reporter.</summary>
public sealed class UsageTests : IAsyncLifetime
{
    private FakeCore _core = null!;

    public async Task InitializeAsync() => _core = await FakeCore.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Requests_and_rejections_are_reported_as_absolute_counts_so_a_repeated_report_never_adds()
    {
        await using var api = new PublicApiFactory(_core.BaseUrl, new Dictionary<string, string?> { ["Usage:ReportInterval"] = "01:00:00" });
        var key = _core.Issue(ApiKeyKinds.Live, [PartnerScopes.CatalogRead]);
        using var client = api.CreateClient();
        for (var i = 0; i < 3; i++) (await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/products", key))).Dispose();
        (await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/orders", key))).Dispose(); // 403: a rejection
        (await client.GetAsync("/api/v2/products")).Dispose(); // no key: nobody's usage

        var reporter = api.Services.GetRequiredService<UsageReporter>();
        Assert.True(await reporter.ReportAsync(default));
        Assert.True(await reporter.ReportAsync(default));

        var reports = _core.UsageReports.ToArray();
        Assert.Equal(2, reports.Length);
        Assert.Equal(reports[0].Reporter, reports[1].Reporter);
        foreach (var report in reports)
        {
            var count = Assert.Single(report.Counts);
            Assert.Equal((4L, 1L), (count.Requests, count.Rejected));
            Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), count.Day);
        }
    }

    [Fact]
    public async Task Each_instance_reports_under_a_reporter_id_of_its_own()
    {
        await using var first = new PublicApiFactory(_core.BaseUrl);
        await using var second = new PublicApiFactory(_core.BaseUrl);

        Assert.NotEqual(Assert.IsType<MemoryUsageCounters>(first.Services.GetRequiredService<UsageCounters>()).Reporter,
            Assert.IsType<MemoryUsageCounters>(second.Services.GetRequiredService<UsageCounters>()).Reporter);
    }
}
