using BffPlatform.PartnerClient;
using BffPlatform.PublicApi.Webhooks.Signing;
using Microsoft.Extensions.Time.Testing;

namespace BffPlatform.PublicApi.Tests.Webhooks;

public sealed class SigningTests
{
    // Standard Webhooks' reference known-answer case (shared/PACKAGES.md).
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = "{\"test\": 2432232314}";
    private const string Expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static WebhookVerifier VerifierAt(long unixSeconds) =>
        new(Secret, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Signer_gives_the_reference_signature()
    {
        Assert.Equal(Expected, WebhookSigner.Sign(Secret, MessageId, DateTimeOffset.FromUnixTimeSeconds(Timestamp), Body));
    }

    [Fact]
    public void Verifier_accepts_the_reference_case_at_its_time()
    {
        Assert.Null(VerifierAt(Timestamp + 10).Check(Body, MessageId, Timestamp.ToString(), Expected));
    }

    [Fact]
    public void The_partner_client_verifier_agrees_with_the_server_signer_on_any_body()
    {
        var secret = WebhookSecret.Generate();
        var at = DateTimeOffset.FromUnixTimeSeconds(Timestamp);
        const string body = "{\"type\":\"order.created.v1\",\"name\":\"Grüße, 世界\"}";
        var header = WebhookSigner.Sign(secret, MessageId, at, body);
        Assert.True(new WebhookVerifier(secret, new FakeTimeProvider(at)).IsValid(body, MessageId, Timestamp.ToString(), header));
    }

    [Fact]
    public void Verifier_refuses_a_changed_body_id_or_timestamp()
    {
        var verifier = VerifierAt(Timestamp);
        Assert.NotNull(verifier.Check(Body.Replace("2432232314", "2432232315"), MessageId, Timestamp.ToString(), Expected));
        Assert.NotNull(verifier.Check(Body, MessageId + "x", Timestamp.ToString(), Expected));
        Assert.NotNull(verifier.Check(Body, MessageId, (Timestamp + 1).ToString(), Expected));
    }

    [Fact]
    public void Verifier_refuses_a_stale_or_future_timestamp_and_missing_headers()
    {
        Assert.Equal("webhook-timestamp is too old.", VerifierAt(Timestamp + 301).Check(Body, MessageId, Timestamp.ToString(), Expected));
        Assert.Equal("webhook-timestamp is in the future.", VerifierAt(Timestamp - 301).Check(Body, MessageId, Timestamp.ToString(), Expected));
        Assert.NotNull(VerifierAt(Timestamp).Check(Body, null, Timestamp.ToString(), Expected));
        Assert.NotNull(VerifierAt(Timestamp).Check(Body, MessageId, "not-a-number", Expected));
        Assert.NotNull(VerifierAt(Timestamp).Check(Body, MessageId, Timestamp.ToString(), "v2," + Expected[3..]));
    }

    [Fact]
    public void During_a_rotation_either_secret_verifies_the_one_header()
    {
        var previous = WebhookSecret.Generate();
        var current = WebhookSecret.Generate();
        var at = DateTimeOffset.FromUnixTimeSeconds(Timestamp);
        var header = WebhookSigner.SignatureHeaderValue([current, previous], MessageId, at, Body);

        Assert.Equal(2, header.Split(' ').Length);
        var time = new FakeTimeProvider(at);
        Assert.True(new WebhookVerifier(current, time).IsValid(Body, MessageId, Timestamp.ToString(), header));
        Assert.True(new WebhookVerifier(previous, time).IsValid(Body, MessageId, Timestamp.ToString(), header));
        Assert.False(new WebhookVerifier(WebhookSecret.Generate(), time).IsValid(Body, MessageId, Timestamp.ToString(), header));
    }

    [Fact]
    public void Generated_secrets_are_whsec_with_32_random_bytes()
    {
        var a = WebhookSecret.Generate();
        Assert.StartsWith("whsec_", a);
        Assert.Equal(32, Convert.FromBase64String(a["whsec_".Length..]).Length);
        Assert.NotEqual(a, WebhookSecret.Generate());
    }
}
