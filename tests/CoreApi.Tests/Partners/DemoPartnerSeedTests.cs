using System.Net;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Partners;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Tests.Partners;

/// <summary>core-api as <c>./run.sh</c> starts it: Development, demo data on, appsettings.Development.json read.</summary>
public sealed class DevelopmentCoreApiFactory : CoreApiFactory
{
    protected override bool SeedDemoData => true;
    protected override string EnvironmentName => "Development";
}

public sealed class DemoPartnerSeedTests(DevelopmentCoreApiFactory app) : IClassFixture<DevelopmentCoreApiFactory>
{
    private string Configured(string name) =>
        app.Services.GetRequiredService<IConfiguration>()[$"{DemoPartnerOptions.SectionName}:{name}"]
        ?? throw new InvalidOperationException($"{name} is not in appsettings.Development.json.");

    [Fact]
    public async Task Development_seeds_acme_retail_whose_checked_in_keys_verify()
    {
        var partner = await app.WithDbAsync(db => db.Partners.AsNoTracking().SingleAsync(p => p.Name == "Acme Retail"));
        Assert.Equal(("free", true), (partner.Plan, partner.Active));

        var test = await (await app.VerifyAsync(Configured("TestKey"))).ReadJsonAsync<ApiKeyVerificationDto>();
        Assert.Equal((partner.Id, ApiKeyKinds.Test, PartnerEnvironments.Test), (test.PartnerId, test.Kind, test.Environment));
        Assert.Equal(PartnerScopes.All, test.Scopes);
        var pub = await (await app.VerifyAsync(Configured("PublishableKey"))).ReadJsonAsync<ApiKeyVerificationDto>();
        Assert.Equal([PartnerScopes.CatalogRead], pub.Scopes);
        Assert.Equal(ApiKeyKinds.Publishable, pub.Kind);
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        var before = await app.WithDbAsync(async db => (await db.Partners.CountAsync(), await db.ApiKeys.CountAsync()));

        await using var scope = app.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<DemoPartnerSeeder>().SeedAsync(CancellationToken.None);

        Assert.False(added);
        Assert.Equal(before, await app.WithDbAsync(async db => (await db.Partners.CountAsync(), await db.ApiKeys.CountAsync())));
    }
}

public sealed class DemoPartnerOutsideDevelopmentTests
{
    [Fact]
    public async Task Outside_development_the_demo_partner_is_never_seeded_even_with_demo_data_on()
    {
        var factory = new SeededCoreApiFactory();
        try
        {
            using var configured = factory.WithWebHostBuilder(b => b
                .UseSetting("Partners:Demo:Name", "Acme Retail")
                .UseSetting("Partners:Demo:TestKey", ApiKeyFormat.Generate(ApiKeyKinds.Test)));
            await using var scope = configured.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BffPlatform.CoreApi.Data.CoreDbContext>();

            Assert.True(await db.Products.AnyAsync());
            Assert.False(await db.Partners.AnyAsync());
            Assert.False(await db.ApiKeys.AnyAsync());
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    [Theory]
    [InlineData("TestKey", "bp_test_notarealkey")]
    [InlineData("TestKey", "bp_live_")]
    [InlineData("PublishableKey", "")]
    [InlineData("Plan", "Free Plan")]
    public async Task A_bad_demo_setting_refuses_to_start_naming_the_key_but_never_a_secret(string field, string value)
    {
        // A valid key of the wrong kind stands in for "" in the publishable case.
        var configuredValue = value == "" ? ApiKeyFormat.Generate(ApiKeyKinds.Live) : value;
        var factory = new CoreApiFactory();
        try
        {
            using var configured = factory.WithWebHostBuilder(b => b
                .UseSetting("Partners:Demo:Name", "Acme Retail")
                .UseSetting($"Partners:Demo:{field}", configuredValue));
            var error = Assert.ThrowsAny<OptionsValidationException>(() => configured.Services);
            Assert.Contains($"Partners:Demo:{field}", error.Message, StringComparison.Ordinal);
            if (field.EndsWith("Key", StringComparison.Ordinal))
            {
                Assert.DoesNotContain(configuredValue, error.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }
}
