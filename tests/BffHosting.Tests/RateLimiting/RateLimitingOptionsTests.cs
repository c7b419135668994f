using BffPlatform.BffHosting.RateLimiting;

namespace BffPlatform.BffHosting.Tests.RateLimiting;

public sealed class RateLimitingOptionsTests
{
    private static readonly RateLimitingOptionsValidator Validator = new();

    [Fact]
    public void A_burst_and_a_sustained_quota_are_valid()
    {
        var options = Options(new RateLimitQuota { Permits = 20, Window = TimeSpan.FromSeconds(1) }, new RateLimitQuota { Name = "hour", Permits = 100, Window = TimeSpan.FromHours(1) });
        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Enabled_without_policies_is_refused()
    {
        var result = Validator.Validate(null, new RateLimitingOptions { Enabled = true });
        Assert.Contains("RateLimiting:Policies must name at least one policy", result.FailureMessage);
    }

    [Fact]
    public void Disabled_without_policies_is_fine()
    {
        Assert.True(Validator.Validate(null, new RateLimitingOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, 1000, null, "RateLimiting:Policies:default:Burst:Permits")]
    [InlineData(10, 1500, null, "RateLimiting:Policies:default:Burst:Window")]
    [InlineData(10, 0, null, "RateLimiting:Policies:default:Burst:Window")]
    [InlineData(10, 1000, "two words", "RateLimiting:Policies:default:Burst:Name")]
    [InlineData(10, 1000, "\"quoted\"", "RateLimiting:Policies:default:Burst:Name")]
    [InlineData(10, 1000, "sustained", "Burst and Sustained need different names")]
    public void Bad_quotas_are_refused_naming_the_key(int permits, int windowMs, string? name, string expected)
    {
        var options = Options(new RateLimitQuota { Name = name, Permits = permits, Window = TimeSpan.FromMilliseconds(windowMs) },
            new RateLimitQuota { Permits = 100, Window = TimeSpan.FromHours(1) });

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void A_policy_without_quotas_is_refused()
    {
        var options = new RateLimitingOptions { Enabled = true, Policies = { ["default"] = new RateLimitPolicyOptions() } };
        Assert.Contains("RateLimiting:Policies:default needs a Burst or a Sustained quota", Validator.Validate(null, options).FailureMessage);
    }

    [Fact]
    public void An_unknown_redis_failure_mode_is_refused()
    {
        var options = new RateLimitingOptions { RedisFailure = (RedisFailureMode)7 };
        Assert.Contains("RateLimiting:RedisFailure must be Open or Closed", Validator.Validate(null, options).FailureMessage);
    }

    private static RateLimitingOptions Options(RateLimitQuota burst, RateLimitQuota sustained) => new()
    {
        Enabled = true,
        Policies = { ["default"] = new RateLimitPolicyOptions { Burst = burst, Sustained = sustained } },
    };
}
