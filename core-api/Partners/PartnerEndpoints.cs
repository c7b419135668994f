using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Paging;
using BffPlatform.ServiceDefaults.Options;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// Partners, their API keys, usage and audit. Staff (role staff + <c>partners.admin</c>) manage
/// them; public-api (<c>partners.act</c>) verifies keys, reports usage and reads its partner's usage.
/// </summary>
public static class PartnerEndpoints
{
    public static IHostApplicationBuilder AddPartners(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DemoPartnerSeeder>();
        builder.Services.AddSingleton<ActivePartners>();
        builder.Services.AddValidatedOptions<DemoPartnerOptions, DemoPartnerOptionsValidator>(builder.Configuration, DemoPartnerOptions.SectionName);
        return builder;
    }

    /// <summary>Honours the partner headers on every endpoint of the group (see <see cref="PartnerActingFilter"/>).</summary>
    public static TBuilder WithPartnerActing<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, PartnerActingFilter>();

    public static RouteGroupBuilder MapPartners(this IEndpointRouteBuilder api)
    {
        var partners = api.MapGroup("/partners").WithTags("Partners");

        partners.MapGet("/", List)
            .RequireAuthorization(Policies.PartnersAdmin)
            .WithName("ListPartners")
            .WithSummary("Partners by name (staff). Cursor paging.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        partners.MapGet("/{id:guid}", Get)
            .RequireAuthorization(Policies.PartnersAdmin)
            .WithName("GetPartner")
            .WithSummary("One partner (staff).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        partners.MapPost("/", Create)
            .RequireAuthorization(Policies.PartnersAdmin)
            .WithName("CreatePartner")
            .WithSummary("A new partner (staff; audited). Plan: lower-case letters, digits and '-'.")
            .Produces<PartnerDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        partners.MapPut("/{id:guid}", Update)
            .RequireAuthorization(Policies.PartnersAdmin)
            .WithName("UpdatePartner")
            .WithSummary("Rename, change plan, activate or deactivate a partner (staff; audited). An inactive partner's keys stop working.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        partners.MapApiKeys();
        partners.MapKeyVerification();
        partners.MapPartnerUsage();
        partners.MapPartnerAudit();
        return partners;
    }

    private static async Task<Results<Ok<Page<PartnerDto>>, ProblemHttpResult>> List(
        string? cursor, int? pageSize, CoreDbContext db, CancellationToken cancellationToken)
    {
        if (!Pagination.TryPageSize(pageSize, out var sizeProblem, out var size))
        {
            return sizeProblem;
        }
        if (!Cursor<PartnerReads.ListCursor>.TryDecode(cursor, out var after))
        {
            return Pagination.InvalidCursor();
        }
        var query = db.Partners.AsNoTracking();
        if (after is not null)
        {
            query = query.Where(p => string.Compare(p.Name, after.N) > 0 || (p.Name == after.N && p.Id.CompareTo(after.I) > 0));
        }
        var rows = await query.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(size + 1).ToListAsync(cancellationToken);
        var items = rows.Take(size).Select(PartnerReads.ToDto).ToList();
        var next = rows.Count > size ? Cursor<PartnerReads.ListCursor>.Encode(new PartnerReads.ListCursor(items[^1].Name, items[^1].Id)) : null;
        return TypedResults.Ok(new Page<PartnerDto>(items, next));
    }

    private static async Task<Results<Ok<PartnerDto>, ProblemHttpResult>> Get(Guid id, CoreDbContext db, CancellationToken cancellationToken)
    {
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return partner is null ? Problem.NotFound("The partner") : TypedResults.Ok(PartnerReads.ToDto(partner));
    }

    private static async Task<Results<Created<PartnerDto>, ProblemHttpResult>> Create(
        CreatePartnerRequest request, HttpContext http, CoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = PartnerValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        var now = time.GetUtcNow();
        var partner = new Partner { Id = Guid.CreateVersion7(now), Name = request.Name, Plan = request.Plan, Active = true, CreatedAt = now, UpdatedAt = now };
        db.Partners.Add(partner);
        PartnerAudit.Append(db, http.User, PartnerAuditActions.PartnerCreated, partner.Id, null,
            $"Created partner '{partner.Name}' on plan {partner.Plan}.", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/partners/{partner.Id}", PartnerReads.ToDto(partner));
    }

    private static async Task<Results<Ok<PartnerDto>, ProblemHttpResult>> Update(
        Guid id, UpdatePartnerRequest request, HttpContext http, CoreDbContext db, ActivePartners activePartners, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = PartnerValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return Problem.NotFound("The partner");
        }
        var changes = new List<string>();
        if (partner.Name != request.Name) changes.Add($"name '{partner.Name}' → '{request.Name}'");
        if (partner.Plan != request.Plan) changes.Add($"plan {partner.Plan} → {request.Plan}");
        if (partner.Active != request.Active) changes.Add(request.Active ? "activated" : "deactivated");
        if (changes.Count > 0)
        {
            var now = time.GetUtcNow();
            partner.Name = request.Name;
            partner.Plan = request.Plan;
            partner.Active = request.Active;
            partner.UpdatedAt = now;
            PartnerAudit.Append(db, http.User, PartnerAuditActions.PartnerUpdated, partner.Id, null,
                $"Updated partner '{partner.Name}': {string.Join("; ", changes)}.", now);
            await db.SaveChangesAsync(cancellationToken);
            activePartners.Forget(partner.Id);
        }
        return TypedResults.Ok(PartnerReads.ToDto(partner));
    }
}
