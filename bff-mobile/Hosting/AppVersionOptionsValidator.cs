using Microsoft.Extensions.Options;

namespace BffPlatform.BffMobile.Hosting;

internal sealed class AppVersionOptionsValidator : IValidateOptions<AppVersionOptions>
{
    public ValidateOptionsResult Validate(string? name, AppVersionOptions options)
    {
        const string key = AppVersionOptions.SectionName;
        var failures = new List<string>();
        if (!AppVersions.TryParse(options.Minimum, out _))
        {
            failures.Add($"{key}:Minimum must be a version such as 1.4 or 1.4.2 (got '{options.Minimum}').");
        }
        if (!string.IsNullOrEmpty(options.UpdateUrl) && !Uri.TryCreate(options.UpdateUrl, UriKind.Absolute, out _))
        {
            failures.Add($"{key}:UpdateUrl must be an absolute URL.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
