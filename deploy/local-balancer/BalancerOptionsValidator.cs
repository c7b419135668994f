using Microsoft.Extensions.Options;

namespace BffPlatform.LocalBalancer;

/// <summary>Every balanced service: a port of its own and at least one absolute http(s) destination.</summary>
internal sealed class BalancerOptionsValidator : IValidateOptions<BalancerOptions>
{
    public ValidateOptionsResult Validate(string? name, BalancerOptions options)
    {
        var failures = new List<string>();
        foreach (var (service, balanced) in options.Services)
        {
            var key = $"{BalancerOptions.SectionName}:Services:{service}";
            if (balanced.Port is < 1 or > 65535)
            {
                failures.Add($"{key}:Port must be a TCP port (1-65535).");
            }
            if (balanced.Destinations.Count == 0)
            {
                failures.Add($"{key}:Destinations needs at least one instance address.");
            }
            failures.AddRange(balanced.Destinations
                .Where(d => !Uri.TryCreate(d, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                .Select(d => $"{key}:Destinations: '{d}' is not an absolute http(s) URL."));
        }
        if (options.Services.Values.GroupBy(s => s.Port).FirstOrDefault(g => g.Count() > 1) is { } shared)
        {
            failures.Add($"{BalancerOptions.SectionName}:Services: port {shared.Key} is given to more than one service.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
