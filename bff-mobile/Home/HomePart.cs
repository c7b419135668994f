using BffPlatform.BffHosting.Upstream;

namespace BffPlatform.BffMobile.Home;

/// <summary>One part of the home answer: its value (fresh or stale), its state, and why it failed.</summary>
internal readonly record struct HomePart<T>(T? Value, HomePartState State, UpstreamProblem? Failure, bool Unreachable)
{
    public static HomePart<T> SignedOut => new(default, HomePartState.SignedOut, null, false);
}
