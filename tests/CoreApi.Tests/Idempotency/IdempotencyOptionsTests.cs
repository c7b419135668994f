using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Tests.Idempotency;

public sealed class IdempotencyOptionsTests
{
    [Theory]
    [InlineData("Idempotency:Retention", "12:00:00")]
    [InlineData("Idempotency:InFlightTimeout", "00:00:01")]
    [InlineData("Idempotency:CleanupInterval", "00:00:05")]
    public async Task A_bad_setting_refuses_to_start_and_names_the_key(string key, string value)
    {
        var factory = new CoreApiFactory();
        try
        {
            using var configured = factory.WithWebHostBuilder(b => b.UseSetting(key, value));
            var error = Assert.ThrowsAny<OptionsValidationException>(() => configured.Services);
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }
}
