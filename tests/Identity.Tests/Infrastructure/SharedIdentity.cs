namespace BffPlatform.Identity.Tests.Infrastructure;

/// <summary>One identity per test class, for tests that do not depend on each other's state.</summary>
public sealed class SharedIdentity : IDisposable
{
    public IdentityFactory Identity { get; } = new();
    public void Dispose() => Identity.Dispose();
}
