using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Tests.Infrastructure;

namespace BffPlatform.CoreApi.Tests.Partners;

public sealed class KeyVerificationTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    [Fact]
    public async Task A_valid_key_proves_its_partner_plan_kind_environment_and_scopes()
    {
        var partner = await app.CreatePartnerAsync("Initech", "growth");
        var key = await app.IssueKeyAsync(partner.Id, ApiKeyKinds.Test, [PartnerScopes.OrdersWrite, PartnerScopes.CatalogRead]);

        var verified = await (await app.VerifyAsync(key.Secret)).ReadJsonAsync<ApiKeyVerificationDto>();

        Assert.Equal(new ApiKeyVerificationDto(key.Key.Id, partner.Id, "Initech", "growth", ApiKeyKinds.Test, PartnerEnvironments.Test,
            verified.Scopes, null), verified);
        Assert.Equal([PartnerScopes.CatalogRead, PartnerScopes.OrdersWrite], verified.Scopes);
        var pub = await app.IssueKeyAsync(partner.Id, ApiKeyKinds.Publishable);
        var pubVerified = await (await app.VerifyAsync(pub.Secret)).ReadJsonAsync<ApiKeyVerificationDto>();
        Assert.Equal((ApiKeyKinds.Publishable, PartnerEnvironments.Live), (pubVerified.Kind, pubVerified.Environment));
    }

    [Fact]
    public async Task A_body_without_a_key_is_a_malformed_request()
    {
        await (await app.VerifyAsync(null)).AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.MalformedRequest);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("bp_live_short")]
    public async Task Garbage_is_401_api_key_malformed(string value)
    {
        await (await app.VerifyAsync(value)).AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.ApiKeyMalformed);
    }

    [Fact]
    public async Task A_typo_in_a_real_key_is_malformed_before_any_lookup()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);
        var typo = key.Secret[..^10] + (key.Secret[^10] == 'x' ? 'y' : 'x') + key.Secret[^9..];

        await (await app.VerifyAsync(typo)).AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.ApiKeyMalformed);
    }

    [Fact]
    public async Task A_well_formed_key_that_was_never_issued_is_401_api_key_invalid()
    {
        await (await app.VerifyAsync(ApiKeyFormat.Generate(ApiKeyKinds.Live))).AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.ApiKeyInvalid);
    }

    [Fact]
    public async Task A_forged_key_with_a_real_display_prefix_and_a_valid_checksum_is_invalid()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);
        // Same kind and display prefix, another secret part, a correct checksum: only the hash can tell.
        var head = key.Key.DisplayPrefix + new string('Z', ApiKeyFormat.RandomLength - ApiKeyFormat.DisplayRandomLength);
        var forged = head + Checksum(head);
        Assert.True(ApiKeyFormat.TryParse(forged, out var parsed));
        Assert.Equal(key.Key.DisplayPrefix, parsed.DisplayPrefix);

        await (await app.VerifyAsync(forged)).AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.ApiKeyInvalid);
    }

    [Fact]
    public async Task The_key_of_an_inactive_partner_is_invalid_until_the_partner_is_active_again()
    {
        var partner = await app.CreatePartnerAsync("Paused");
        var key = await app.IssueKeyAsync(partner.Id);
        var staff = app.PartnerAdminClient();

        await staff.PutAsJsonAsync($"/api/v1/partners/{partner.Id}", new UpdatePartnerRequest("Paused", "free", false));
        await (await app.VerifyAsync(key.Secret)).AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.ApiKeyInvalid);

        await staff.PutAsJsonAsync($"/api/v1/partners/{partner.Id}", new UpdatePartnerRequest("Paused", "free", true));
        Assert.Equal(HttpStatusCode.OK, (await app.VerifyAsync(key.Secret)).StatusCode);
    }

    public static TheoryData<string> NotPublicApi => new() { "internal-tools", "staff", "customer", "service-without-scope" };

    [Theory]
    [MemberData(nameof(NotPublicApi))]
    public async Task Only_public_apis_token_verifies_keys_or_reports_usage(string who)
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);
        var client = who switch
        {
            "internal-tools" => app.ClientFor(TestTokens.Service("internal-tools", [.. TestTokens.EveryScope.Where(s => s.Contains('.') || s == Scopes.Audience)])),
            "staff" => app.PartnerAdminClient(),
            // A user token with partners.act is still not public-api: the scope is for a service.
            "customer" => app.ClientFor(TestTokens.User("eve") with { Scopes = [.. TestTokens.EveryScope, Scopes.PartnersAct] }),
            _ => app.ServiceClient(Scopes.Audience, Scopes.OrdersRead),
        };

        await (await client.PostAsJsonAsync("/api/v1/partners/keys/verify", new VerifyApiKeyRequest(key.Secret)))
            .AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await client.PutAsJsonAsync("/api/v1/partners/usage", new UsageReportRequest("x", [new UsageCountDto(key.Key.Id, DateOnly.FromDateTime(DateTime.UtcNow), 5, 0)])))
            .AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    private static string Checksum(string head)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var value = BitConverter.ToUInt32(SHA256.HashData(Encoding.ASCII.GetBytes(head)), 0);
        var chars = new char[ApiKeyFormat.ChecksumLength];
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = alphabet[(int)(value % 62)];
            value /= 62;
        }
        return new string(chars);
    }
}
