namespace BffPlatform.CoreApi.Tests.Infrastructure;

/// <summary>For what happens in the background (a connection noticed lost, a subscription made): polled, with a bound.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }
}
