using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Partners;

namespace BffPlatform.PublicApi.Keys;

/// <summary>
/// What core-api said about a key: what it proves, or why it is refused (<see cref="Code"/>, 401),
/// or that core-api could not say (<see cref="Unavailable"/>, never cached).
/// </summary>
internal sealed record KeyVerification(ApiKeyVerificationDto? Key, string? Code, UpstreamProblem? Unavailable)
{
    public static KeyVerification Valid(ApiKeyVerificationDto key) => new(key, null, null);

    public static KeyVerification Refused(string code) => new(null, code, null);

    public static KeyVerification CouldNotAsk(UpstreamProblem problem) => new(null, null, problem);
}
