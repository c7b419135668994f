using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Upstream;

internal sealed class PassThroughOptionsValidator : IValidateOptions<PassThroughOptions>
{
    public ValidateOptionsResult Validate(string? name, PassThroughOptions options)
    {
        var failures = options.EffectivePassThroughPrefixes
            .Where(prefix => string.IsNullOrWhiteSpace(prefix) || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            .Select(prefix => $"{PassThroughOptions.SectionName}:PassThroughPrefixes entries must be single path segments (got '{prefix}').")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
