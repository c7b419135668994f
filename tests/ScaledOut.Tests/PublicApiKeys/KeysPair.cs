using BffPlatform.ScaledOut.Tests.PublicApi;
using BffPlatform.Testing.Partners;

namespace BffPlatform.ScaledOut.Tests.PublicApiKeys;

/// <summary>
/// Two public-api instances on one Redis and one core-api (publishing key changes to that Redis).
/// Verifications are cached for <see cref="CacheDuration"/>, far longer than any test waits, so a key
/// refused soon after its revocation was refused because of the broadcast. Rate limits are off (their
/// own suite is RateLimits/): the usage test pauses Redis writes, which a limiter in Redis would wait for.
/// The first instance reports usage every second; the second never within a test, so whatever it
/// counted reaches core-api only through the shared counters.
/// </summary>
public sealed class KeysPair : PublicApiPair
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(5);

    public StaffPartners Staff { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> PublicApiSettings => new Dictionary<string, string>
    {
        ["ApiKeys:CacheDuration"] = CacheDuration.ToString("c"),
        ["RateLimiting:Enabled"] = "false",
    };

    protected override IReadOnlyDictionary<string, string> InstanceSettings(int index) => new Dictionary<string, string>
    {
        ["Usage:ReportInterval"] = index == 0 ? "00:00:01" : "01:00:00",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Staff = await StaffAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class KeysPairCollection : ICollectionFixture<KeysPair>
{
    public const string Name = "two public-api instances, one core-api, one Redis";
}
