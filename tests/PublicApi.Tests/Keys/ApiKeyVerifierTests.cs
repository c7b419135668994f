using System.Net;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Keys;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Refit;

namespace BffPlatform.PublicApi.Tests.Keys;

/// <summary>The verification cache with time driven by hand: how soon a revoked key stops, what is never cached.</summary>
public sealed class ApiKeyVerifierTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-29T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly StubGateway _core = new();
    private readonly ParsedApiKey _key;

    public ApiKeyVerifierTests()
    {
        Assert.True(ApiKeyFormat.TryParse(ApiKeyFormat.Generate(ApiKeyKinds.Live), out var key));
        _key = key;
    }

    private ApiKeyVerifier Verifier() => new(_core, Options.Create(new ApiKeyOptions
    {
        CacheDuration = TimeSpan.FromSeconds(30),
        RefusalCacheDuration = TimeSpan.FromSeconds(10),
    }), _time);

    [Fact]
    public async Task A_revoked_key_stops_once_the_cached_answer_is_older_than_the_cache_duration()
    {
        using var verifier = Verifier();
        _core.Answer = _ => Valid(null);
        Assert.NotNull((await verifier.VerifyAsync(_key, default)).Key);

        _core.Answer = _ => Refused(ErrorCodes.ApiKeyRevoked);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull((await verifier.VerifyAsync(_key, default)).Key);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(ErrorCodes.ApiKeyRevoked, (await verifier.VerifyAsync(_key, default)).Code);
        Assert.Equal(2, _core.Calls);
    }

    [Fact]
    public async Task A_key_expiring_before_the_cache_duration_is_refused_from_its_expiry()
    {
        using var verifier = Verifier();
        var expiry = _time.GetUtcNow().AddSeconds(5);
        _core.Answer = _ => Valid(expiry);
        Assert.NotNull((await verifier.VerifyAsync(_key, default)).Key);

        _time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(ErrorCodes.ApiKeyExpired, (await verifier.VerifyAsync(_key, default)).Code);
    }

    [Fact]
    public async Task Concurrent_first_uses_ask_core_api_once()
    {
        using var verifier = Verifier();
        var gate = new TaskCompletionSource();
        _core.Slow = gate.Task;
        _core.Answer = _ => Valid(null);

        var all = Enumerable.Range(0, 10).Select(_ => verifier.VerifyAsync(_key, default)).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(all);

        Assert.All(results, r => Assert.NotNull(r.Key));
        Assert.Equal(1, _core.Calls);
    }

    [Fact]
    public async Task Core_api_unreachable_is_503_and_never_cached()
    {
        using var verifier = Verifier();
        _core.Answer = _ => throw new HttpRequestException("connection refused");

        var first = await verifier.VerifyAsync(_key, default);
        Assert.Equal(503, first.Unavailable?.StatusCode);

        _core.Answer = _ => Valid(null);
        Assert.NotNull((await verifier.VerifyAsync(_key, default)).Key);
        Assert.Equal(2, _core.Calls);
    }

    [Fact]
    public async Task Core_api_refusing_public_api_itself_is_not_blamed_on_the_key()
    {
        using var verifier = Verifier();
        _core.Answer = _ => Problem(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        var result = await verifier.VerifyAsync(_key, default);

        Assert.Null(result.Code);
        Assert.Equal(503, result.Unavailable?.StatusCode);
    }

    [Fact]
    public async Task A_forgotten_key_is_asked_about_again_on_its_next_use_and_others_stay_cached()
    {
        using var verifier = Verifier();
        Assert.True(ApiKeyFormat.TryParse(ApiKeyFormat.Generate(ApiKeyKinds.Test), out var other));
        _core.Answer = _ => Valid(null);
        Assert.NotNull((await verifier.VerifyAsync(_key, default)).Key);
        Assert.NotNull((await verifier.VerifyAsync(other, default)).Key);

        _core.Answer = _ => Refused(ErrorCodes.ApiKeyRevoked);
        verifier.Forget([ApiKeyChanges.HashId(ApiKeyFormat.Hash(_key.Value))]);

        Assert.Equal(ErrorCodes.ApiKeyRevoked, (await verifier.VerifyAsync(_key, default)).Code);
        Assert.NotNull((await verifier.VerifyAsync(other, default)).Key);
        Assert.Equal(3, _core.Calls);
    }

    [Fact]
    public async Task A_key_forgotten_while_core_api_answers_does_not_keep_that_older_answer()
    {
        using var verifier = Verifier();
        var gate = new TaskCompletionSource();
        _core.Slow = gate.Task;
        _core.Answer = _ => Valid(null);
        var asking = verifier.VerifyAsync(_key, default);

        // core-api read the key before the revocation committed; the announcement overtakes its answer.
        verifier.Forget([ApiKeyChanges.HashId(ApiKeyFormat.Hash(_key.Value))]);
        gate.SetResult();
        Assert.NotNull((await asking).Key);

        _core.Answer = _ => Refused(ErrorCodes.ApiKeyRevoked);
        Assert.Equal(ErrorCodes.ApiKeyRevoked, (await verifier.VerifyAsync(_key, default)).Code);
        Assert.Equal(2, _core.Calls);
    }

    [Fact]
    public async Task Clear_forgets_every_key()
    {
        using var verifier = Verifier();
        _core.Answer = _ => Valid(null);
        Assert.NotNull((await verifier.VerifyAsync(_key, default)).Key);
        Assert.Equal(1, verifier.Count);

        verifier.Clear();

        Assert.Equal(0, verifier.Count);
        Assert.NotNull((await verifier.VerifyAsync(_key, default)).Key);
        Assert.Equal(2, _core.Calls);
    }

    private static HttpRequestMessage VerifyRequest() => new(HttpMethod.Post, "http://core.test/api/v1/partners/keys/verify");

    private ApiResponse<ApiKeyVerificationDto> Valid(DateTimeOffset? expiresAt) => new(
        new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = VerifyRequest() },
        new ApiKeyVerificationDto(Guid.NewGuid(), Guid.NewGuid(), "P", "free", ApiKeyKinds.Live, PartnerEnvironments.Live, PartnerScopes.All, expiresAt),
        new RefitSettings());

    private static ApiResponse<ApiKeyVerificationDto> Refused(string code) => Problem(HttpStatusCode.Unauthorized, code);

    private static ApiResponse<ApiKeyVerificationDto> Problem(HttpStatusCode status, string code)
    {
        var content = $$"""{"title":"Refused.","status":{{(int)status}},"code":"{{code}}"}""";
        var response = new HttpResponseMessage(status) { RequestMessage = VerifyRequest(), Content = new StringContent(content, System.Text.Encoding.UTF8, "application/problem+json") };
        var error = ApiException.Create(response.RequestMessage, HttpMethod.Post, response, new RefitSettings()).GetAwaiter().GetResult();
        return new ApiResponse<ApiKeyVerificationDto>(response, null, new RefitSettings(), error);
    }

    private sealed class StubGateway : ICorePartnerGatewayApi
    {
        private int _calls;
        public Func<VerifyApiKeyRequest, IApiResponse<ApiKeyVerificationDto>> Answer { get; set; } = _ => throw new InvalidOperationException();
        public Task Slow { get; set; } = Task.CompletedTask;
        public int Calls => Volatile.Read(ref _calls);

        public async Task<IApiResponse<ApiKeyVerificationDto>> VerifyKeyAsync(VerifyApiKeyRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            await Slow;
            return Answer(request);
        }

        public Task<IApiResponse> ReportUsageAsync(UsageReportRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
