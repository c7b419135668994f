using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Upstream;

internal sealed class CoreApiOptionsValidator(IHostEnvironment environment) : IValidateOptions<CoreApiOptions>
{
    public ValidateOptionsResult Validate(string? name, CoreApiOptions options)
    {
        const string key = CoreApiOptions.SectionName;
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseAddress, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            failures.Add($"{key}:BaseAddress must be an absolute http(s) URL (got '{options.BaseAddress}').");
        }
        else if (address.Scheme == Uri.UriSchemeHttp && !environment.IsDevelopment() && !address.IsLoopback)
        {
            failures.Add($"{key}:BaseAddress must use https outside Development unless it is loopback (got '{options.BaseAddress}').");
        }
        if (options.AttemptTimeout <= TimeSpan.Zero) failures.Add($"{key}:AttemptTimeout must be positive.");
        if (options.TotalTimeout < options.AttemptTimeout) failures.Add($"{key}:TotalTimeout must be at least {key}:AttemptTimeout.");
        // Polly's rule: the breaker must observe at least two attempts' worth of time.
        if (options.BreakerSamplingDuration < options.AttemptTimeout * 2) failures.Add($"{key}:BreakerSamplingDuration must be at least twice {key}:AttemptTimeout.");
        if (options.BreakDuration < TimeSpan.FromMilliseconds(500)) failures.Add($"{key}:BreakDuration must be at least 0.5 s.");
        foreach (var prefix in options.EffectivePassThroughPrefixes)
        {
            if (string.IsNullOrWhiteSpace(prefix) || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                failures.Add($"{key}:PassThroughPrefixes entries must be single path segments (got '{prefix}').");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
