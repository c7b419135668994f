using BffPlatform.ScaledOut.Tests.PublicApi;

namespace BffPlatform.ScaledOut.Tests.RateLimits;

/// <summary>Two public-api processes on one Redis whose <c>free</c> plan (the demo partner's) is small: <see cref="Limit"/> requests an hour, bursts unlimited.</summary>
public sealed class RateLimitedPair : PublicApiPair
{
    public const int Limit = 20;

    protected override IReadOnlyDictionary<string, string> PublicApiSettings => new Dictionary<string, string>
    {
        ["RateLimiting:Policies:free:Burst:Permits"] = "10000",
        ["RateLimiting:Policies:free:Sustained:Permits"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
