using BffPlatform.PublicApi.Webhooks;
using BffPlatform.PublicApi.Webhooks.Dispatch;

namespace BffPlatform.PublicApi.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    [Fact]
    public void The_default_schedule_spans_more_than_a_day_within_the_default_attempts()
    {
        var options = new WebhookOptions();
        var total = TimeSpan.Zero;
        for (var attempt = 1; attempt < options.MaxAttempts; attempt++)
        {
            // The low end of the jitter: the least the schedule can span.
            total += RetrySchedule.Delay(options, attempt, null, random: 0);
        }
        Assert.True(total > TimeSpan.FromDays(1), $"spans {total}");
        Assert.True(total < options.MaxAge, $"spans {total}, past MaxAge");
    }

    [Fact]
    public void Delays_grow_and_are_jittered_both_ways()
    {
        var options = new WebhookOptions { RetryJitter = 0.2 };
        Assert.Equal(TimeSpan.FromSeconds(4), RetrySchedule.Delay(options, 1, null, 0));
        Assert.Equal(TimeSpan.FromSeconds(5), RetrySchedule.Delay(options, 1, null, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(5) * 1.2, RetrySchedule.Delay(options, 2, null, 1));
        // Past the schedule the last step repeats.
        Assert.Equal(TimeSpan.FromHours(10), RetrySchedule.Delay(options, 40, null, 0.5));
    }

    [Fact]
    public void Retry_After_is_honoured_when_longer_and_capped()
    {
        var options = new WebhookOptions { MaxRetryAfter = TimeSpan.FromHours(1) };
        Assert.Equal(TimeSpan.FromMinutes(2), RetrySchedule.Delay(options, 1, TimeSpan.FromMinutes(2), 0.5));
        Assert.Equal(TimeSpan.FromHours(1), RetrySchedule.Delay(options, 1, TimeSpan.FromDays(1), 0.5));
        // A shorter Retry-After does not bring the retry forward.
        Assert.Equal(TimeSpan.FromMinutes(5), RetrySchedule.Delay(options, 2, TimeSpan.FromSeconds(1), 0.5));
    }
}
