using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Contracts.Common;

namespace BffPlatform.BffWeb.Tests.Cart;

/// <summary>
/// bff-web refuses an Idempotency-Key that core-api would refuse, before calling it: the factory's
/// core-api is down, so a forwarded call would answer 503, not 400.
/// </summary>
public sealed class CheckoutKeyTests : IDisposable
{
    private readonly BffWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\there")]
    public async Task A_malformed_idempotency_key_is_400_naming_the_header(string key)
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser);
        var request = Http.Api(HttpMethod.Post, "/api/cart/checkout");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var problem = await (await browser.SendAsync(request)).AssertProblemAsync(400, ErrorCodes.ValidationFailed);

        Assert.True(problem["errors"]!.AsObject().ContainsKey("Idempotency-Key"), problem.ToJsonString());
    }

    [Fact]
    public async Task An_overlong_idempotency_key_is_400()
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser);
        var request = Http.Api(HttpMethod.Post, "/api/cart/checkout");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 129));

        await (await browser.SendAsync(request)).AssertProblemAsync(400, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task A_well_formed_key_is_forwarded_and_core_api_being_down_is_503()
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser);
        var request = Http.Api(HttpMethod.Post, "/api/cart/checkout");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "checkout-7f3a");

        await (await browser.SendAsync(request)).AssertProblemAsync(503, ErrorCodes.UpstreamUnavailable);
    }
}
