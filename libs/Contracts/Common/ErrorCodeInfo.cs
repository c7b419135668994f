namespace BffPlatform.Contracts.Common;

/// <summary>What one <see cref="ErrorCodes"/> code tells a client, and what the client should do about it.</summary>
/// <param name="Code">The code, as in a Problem Details' <c>code</c>.</param>
/// <param name="Status">The HTTP status it comes with.</param>
/// <param name="Meaning">What went wrong, and which service says it.</param>
/// <param name="ClientAction">What a client should do next.</param>
public sealed record ErrorCodeInfo(string Code, int Status, string Meaning, string ClientAction)
{
    public string TypeUri => ErrorCodes.TypeUri(Code);
}
