namespace BffPlatform.PublicApi.Webhooks.Dispatch;

/// <summary>When a failed delivery is tried again: exponential steps from the schedule, jittered, never sooner than the receiver's <c>Retry-After</c> (capped).</summary>
internal static class RetrySchedule
{
    /// <param name="attemptsMade">Attempts so far (at least 1).</param>
    /// <param name="random">A uniform draw in [0, 1): the jitter.</param>
    public static TimeSpan Delay(WebhookOptions options, int attemptsMade, TimeSpan? retryAfter, double random)
    {
        var schedule = options.EffectiveRetrySchedule;
        var step = schedule[Math.Clamp(attemptsMade - 1, 0, schedule.Count - 1)];
        var delay = step * (1 + options.RetryJitter * (2 * random - 1));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < options.MaxRetryAfter ? asked : options.MaxRetryAfter;
        }
        return delay;
    }
}
