using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Webhooks;

internal sealed class WebhookOptionsValidator(IHostEnvironment environment) : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions o)
    {
        const string key = WebhookOptions.SectionName;
        var failures = new List<string>();
        var sendBound = o.ConnectTimeout + o.RequestTimeout;
        if (o.LeaseDuration < sendBound * 2)
        {
            failures.Add($"{key}:LeaseDuration ({o.LeaseDuration}) must be at least twice ConnectTimeout + RequestTimeout ({sendBound * 2}): a lease that ends mid-send lets a second dispatcher send the same delivery.");
        }
        if (o.RetrySchedule.Any(d => d <= TimeSpan.Zero || d > TimeSpan.FromDays(2)))
        {
            failures.Add($"{key}:RetrySchedule entries must be positive and at most 2 days.");
        }
        if (o.MaxSecretRotationOverlap < o.SecretRotationOverlap)
        {
            failures.Add($"{key}:MaxSecretRotationOverlap must not be shorter than SecretRotationOverlap.");
        }
        if (o.AllowLoopbackReceivers && environment.IsProduction())
        {
            failures.Add($"{key}:AllowLoopbackReceivers is for development and tests; it is refused in Production.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
