using BffPlatform.BffMobile.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffMobile.Tests;

/// <summary>A bad configuration stops bff-mobile at start, naming the key.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("AppVersion:Minimum", "one", "AppVersion:Minimum")]
    [InlineData("AppVersion:UpdateUrl", "store", "AppVersion:UpdateUrl")]
    [InlineData("Home:FeaturedCount", "0", "FeaturedCount")]
    [InlineData("Authentication:Jwt:Audience", "", "Audience")]
    [InlineData("TokenClient:ClientSecret", "", "TokenClient:ClientSecret")]
    [InlineData("RateLimiting:Policies:mobile:Burst:Permits", "0", "RateLimiting:Policies:mobile:Burst")]
    public void A_bad_value_refuses_to_start(string key, string value, string named)
    {
        using var door = new MobileDoor(new Dictionary<string, string>
        {
            ["Authentication:Jwt:Authority"] = "http://127.0.0.1:9/",
            ["TokenClient:Authority"] = "http://127.0.0.1:9/",
            [key] = value,
        });

        var failure = Assert.ThrowsAny<Exception>(() => door.App());

        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException;
        Assert.True(validation is not null, failure.ToString());
        Assert.Contains(named, validation.Message, StringComparison.Ordinal);
    }
}
