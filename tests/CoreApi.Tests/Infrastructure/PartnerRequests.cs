using System.Net;
using System.Net.Http.Json;
using BffPlatform.Contracts.Partners;
using Microsoft.EntityFrameworkCore;
using ContractScopes = BffPlatform.Contracts.Common.Scopes;

namespace BffPlatform.CoreApi.Tests.Infrastructure;

/// <summary>Partners, keys and public-api's acting calls, for the partner tests.</summary>
public static class PartnerRequests
{
    public const string PublicApi = "public-api";

    /// <summary>public-api's token as identity issues it (client credentials, its ClientCredentialsScopes).</summary>
    public static readonly string[] PublicApiScopes =
        [ContractScopes.Audience, ContractScopes.PartnersAct, ContractScopes.CatalogRead, ContractScopes.OrdersRead, ContractScopes.OrdersWrite, ContractScopes.OutboxRead];

    /// <summary>A staff user whose token carries <c>partners.admin</c> (bff-web's staff sign-in).</summary>
    public static HttpClient PartnerAdminClient(this CoreApiFactory app, string login = "sam") =>
        app.ClientFor(TestTokens.User(login, "staff") with { Scopes = [.. TestTokens.EveryScope, ContractScopes.PartnersAdmin] });

    /// <summary>public-api's own token, acting as itself (no partner headers).</summary>
    public static HttpClient PublicApiClient(this CoreApiFactory app) => app.ClientFor(TestTokens.Service(PublicApi, PublicApiScopes));

    /// <summary>public-api's token acting for <paramref name="partnerId"/> in <paramref name="environment"/>.</summary>
    public static HttpClient ActingFor(this CoreApiFactory app, Guid partnerId, string environment = PartnerEnvironments.Live) =>
        app.PublicApiClient().WithPartner(partnerId, environment);

    public static HttpClient WithPartner(this HttpClient client, Guid partnerId, string environment = PartnerEnvironments.Live)
    {
        client.DefaultRequestHeaders.Add(PartnerHeaders.Partner, partnerId.ToString("D"));
        client.DefaultRequestHeaders.Add(PartnerHeaders.Environment, environment);
        return client;
    }

    public static async Task<PartnerDto> CreatePartnerAsync(this CoreApiFactory app, string name = "Acme", string plan = "free")
    {
        var response = await app.PartnerAdminClient().PostAsJsonAsync("/api/v1/partners", new CreatePartnerRequest(name, plan));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync<PartnerDto>();
    }

    public static async Task<IssuedApiKeyDto> IssueKeyAsync(
        this CoreApiFactory app, Guid partnerId, string kind = ApiKeyKinds.Live, IReadOnlyList<string>? scopes = null, DateTimeOffset? expiresAt = null)
    {
        var request = new IssueApiKeyRequest("server", kind, scopes ?? (kind == ApiKeyKinds.Publishable ? [PartnerScopes.CatalogRead] : PartnerScopes.All), expiresAt);
        var response = await app.PartnerAdminClient().PostAsJsonAsync($"/api/v1/partners/{partnerId}/keys", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync<IssuedApiKeyDto>();
    }

    public static Task<HttpResponseMessage> VerifyAsync(this CoreApiFactory app, string? key) =>
        app.PublicApiClient().PostAsJsonAsync("/api/v1/partners/keys/verify", new VerifyApiKeyRequest(key!));

    public static Task<int> PartnerCountAsync(this CoreApiFactory app) => app.WithDbAsync(db => db.Partners.CountAsync());

    public static Task<int> KeyCountAsync(this CoreApiFactory app) => app.WithDbAsync(db => db.ApiKeys.CountAsync());

    public static Task<int> AuditCountAsync(this CoreApiFactory app) => app.WithDbAsync(db => db.PartnerAudit.CountAsync());
}
