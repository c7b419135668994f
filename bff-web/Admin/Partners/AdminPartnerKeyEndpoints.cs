using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Partners;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffWeb.Admin.Partners;

/// <summary>A partner's API keys: list, issue, roll and revoke (staff; every write audited by core-api).</summary>
internal static class AdminPartnerKeyEndpoints
{
    public static RouteGroupBuilder MapPartnerKeyEndpoints(this RouteGroupBuilder partners)
    {
        var keys = partners.MapGroup("/{id:guid}/keys").ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapGet("/", ListAsync)
            .WithName("AdminListPartnerKeys")
            .WithSummary("A partner's keys: display prefix, kind, scopes and dates, never a secret (staff).");

        // Only these two answers ever carry a key's secret: no cache along the way may keep one.
        keys.MapPost("/", IssueAsync)
            .WithName("AdminIssuePartnerKey")
            .WithSummary("Issues a key; the answer is the only one that carries its secret (staff; audited).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AddEndpointFilter(NoStore);

        keys.MapPost("/{keyId:guid}/roll", RollAsync)
            .WithName("AdminRollPartnerKey")
            .WithSummary("Issues a successor of a key; the old one keeps working for the overlap hours (staff; audited).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AddEndpointFilter(NoStore);

        keys.MapPost("/{keyId:guid}/revoke", RevokeAsync)
            .WithName("AdminRevokePartnerKey")
            .WithSummary("Revokes a key at once (staff; audited).")
            .ProducesProblem(StatusCodes.Status409Conflict);

        return keys;
    }

    private static async Task<Results<UpstreamOk<IReadOnlyList<ApiKeyDto>>, UpstreamProblem>> ListAsync(
        ICorePartnersApi core, Guid id, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ListKeysAsync(id, cancellationToken));

    private static async Task<Results<UpstreamOk<IssuedApiKeyDto>, UpstreamProblem>> IssueAsync(
        ICorePartnersApi core, Guid id, IssueApiKeyRequest request, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.IssueKeyAsync(id, request, cancellationToken));

    private static async Task<Results<UpstreamOk<IssuedApiKeyDto>, UpstreamProblem>> RollAsync(
        ICorePartnersApi core, Guid id, Guid keyId, RollApiKeyRequest request, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.RollKeyAsync(id, keyId, request, cancellationToken));

    private static async Task<Results<UpstreamOk<ApiKeyDto>, UpstreamProblem>> RevokeAsync(
        ICorePartnersApi core, Guid id, Guid keyId, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.RevokeKeyAsync(id, keyId, cancellationToken));

    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }
}
