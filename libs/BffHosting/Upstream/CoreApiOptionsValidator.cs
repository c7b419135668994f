using BffPlatform.ServiceDefaults.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffHosting.Upstream;

internal sealed class CoreApiOptionsValidator(IHostEnvironment environment) : IValidateOptions<CoreApiOptions>
{
    public ValidateOptionsResult Validate(string? name, CoreApiOptions options)
    {
        const string key = CoreApiOptions.SectionName;
        var failures = new List<string>();
        if (SecureUrl.Check($"{key}:BaseAddress", options.BaseAddress, environment, allowLoopbackHttp: true) is { } url) failures.Add(url);
        if (options.AttemptTimeout <= TimeSpan.Zero) failures.Add($"{key}:AttemptTimeout must be positive.");
        if (options.TotalTimeout < options.AttemptTimeout) failures.Add($"{key}:TotalTimeout must be at least {key}:AttemptTimeout.");
        // Polly's rule: the breaker must observe at least two attempts' worth of time.
        if (options.BreakerSamplingDuration < options.AttemptTimeout * 2) failures.Add($"{key}:BreakerSamplingDuration must be at least twice {key}:AttemptTimeout.");
        if (options.BreakDuration < TimeSpan.FromMilliseconds(500)) failures.Add($"{key}:BreakDuration must be at least 0.5 s.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
