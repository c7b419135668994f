namespace BffPlatform.BffHosting.Tokens;

/// <summary>
/// The identity provider did not give the door a token for core-api. An <see cref="HttpRequestException"/>,
/// so Refit reports it as a request error and the door answers 503 like any call that could not be made.
/// </summary>
public sealed class UpstreamTokenException(string message, Exception? inner = null) : HttpRequestException(message, inner);
