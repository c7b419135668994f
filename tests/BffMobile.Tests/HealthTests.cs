using System.Net;
using BffPlatform.BffMobile.Tests.Infrastructure;

namespace BffPlatform.BffMobile.Tests;

[Collection(MobileCollection.Name)]
public sealed class HealthTests(MobilePlatform platform)
{
    [Fact]
    public async Task Liveness_answers_ok()
    {
        using var client = platform.Door.App();
        using var response = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
