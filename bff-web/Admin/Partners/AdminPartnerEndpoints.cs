using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffWeb.Admin.Partners;

/// <summary>
/// Staff screens for partners: the list, create and edit, usage per key and day, and the audit
/// log. Each call carries the staff user's token (core-api wants the staff role and
/// <c>partners.admin</c> too, and audits who acted); core-api's problems pass through as they are.
/// </summary>
internal static class AdminPartnerEndpoints
{
    public static RouteGroupBuilder MapAdminPartnerEndpoints(this IEndpointRouteBuilder api)
    {
        var partners = api.MapGroup("/admin/partners").WithTags("Admin partners").RequireAuthorization(StaffOnly.Policy)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        partners.MapGet("/", ListAsync)
            .WithName("AdminListPartners")
            .WithSummary("A page of partners (staff).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        partners.MapPost("/", CreateAsync)
            .WithName("AdminCreatePartner")
            .WithSummary("Creates a partner with a name and a plan (staff; audited).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        partners.MapGet("/{id:guid}", GetAsync)
            .WithName("AdminGetPartner")
            .WithSummary("One partner (staff).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        partners.MapPut("/{id:guid}", UpdateAsync)
            .WithName("AdminUpdatePartner")
            .WithSummary("Changes a partner's name, plan or active flag (staff; audited).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        partners.MapGet("/{id:guid}/usage", GetUsageAsync)
            .WithName("AdminGetPartnerUsage")
            .WithSummary("Requests and rejections per key and UTC day, from and to inclusive (staff).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        partners.MapGet("/audit", ListAuditAsync)
            .WithName("AdminListPartnerAudit")
            .WithSummary("Who did what to which partner or key, newest first, optionally for one partner (staff).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        partners.MapPartnerKeyEndpoints();
        return partners;
    }

    private static async Task<Results<UpstreamOk<Page<PartnerDto>>, UpstreamProblem>> ListAsync(
        ICorePartnersApi core, string? cursor, int? pageSize, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ListAsync(cursor, pageSize, cancellationToken));

    private static async Task<Results<UpstreamCreated<PartnerDto>, UpstreamProblem>> CreateAsync(
        ICorePartnersApi core, CreatePartnerRequest request, CancellationToken cancellationToken)
    {
        var response = await core.CreateAsync(request, cancellationToken);
        return response.IsSuccessful && response.Content is { } partner
            ? UpstreamResults.Created(response, partner, $"/api/admin/partners/{partner.Id}")
            : UpstreamResults.Problem(response);
    }

    private static async Task<Results<UpstreamOk<PartnerDto>, UpstreamProblem>> GetAsync(ICorePartnersApi core, Guid id, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetAsync(id, cancellationToken));

    private static async Task<Results<UpstreamOk<PartnerDto>, UpstreamProblem>> UpdateAsync(
        ICorePartnersApi core, Guid id, UpdatePartnerRequest request, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.UpdateAsync(id, request, cancellationToken));

    private static async Task<Results<UpstreamOk<IReadOnlyList<UsageDayDto>>, UpstreamProblem>> GetUsageAsync(
        ICorePartnersApi core, Guid id, DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetUsageAsync(id, from, to, cancellationToken));

    private static async Task<Results<UpstreamOk<Page<PartnerAuditEntryDto>>, UpstreamProblem>> ListAuditAsync(
        ICorePartnersApi core, Guid? partnerId, string? cursor, int? pageSize, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ListAuditAsync(partnerId, cursor, pageSize, cancellationToken));
}
