namespace BffPlatform.BffWeb.Tests.Infrastructure;

/// <summary>A test class's bff-web (one per test) in front of a stand-in for core-api that records what it receives.</summary>
public abstract class RecordingCoreTests : IAsyncLifetime
{
    protected BffWebFactory Factory { get; } = new();
    protected RecordingCoreApi Core { get; } = new();

    public virtual async Task InitializeAsync()
    {
        await Core.StartAsync();
        Factory.With("CoreApi:BaseAddress", Core.BaseUrl + "/");
    }

    public async Task DisposeAsync()
    {
        Factory.Dispose();
        await Core.DisposeAsync();
    }
}
