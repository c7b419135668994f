using System.Security.Claims;
using BffPlatform.Contracts.Common;
using BffPlatform.PublicApi.Idempotency;
using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.PublicApi.Webhooks.Signing;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Webhooks.Api;

/// <summary>A partner's webhook endpoints: register (the secret is shown once), list, read, change, delete, rotate the secret.</summary>
internal static class WebhookEndpointsApi
{
    public static RouteGroupBuilder MapWebhookEndpointRoutes(this RouteGroupBuilder webhooks, string version)
    {
        var endpoints = webhooks.MapGroup("/endpoints");
        endpoints.MapPost("/", CreateAsync).WithName($"CreateWebhookEndpoint.{version}")
            .WithStoredIdempotency<CreateWebhookEndpointRequest>("webhooks.endpoints.create")
            .WithSummary("Register a receiver; the answer holds its signing secret, shown this once (and replayed to a retry with the same Idempotency-Key).");
        endpoints.MapGet("/", ListAsync).WithName($"ListWebhookEndpoints.{version}").WithSummary("The caller's endpoints in the key's environment.");
        endpoints.MapGet("/{id:guid}", GetAsync).WithName($"GetWebhookEndpoint.{version}");
        endpoints.MapPatch("/{id:guid}", UpdateAsync).WithName($"UpdateWebhookEndpoint.{version}")
            .WithSummary("Change the URL, the event types, the description, or enable/disable it.");
        endpoints.MapDelete("/{id:guid}", DeleteAsync).WithName($"DeleteWebhookEndpoint.{version}");
        endpoints.MapPost("/{id:guid}/secret/rotate", RotateAsync).WithName($"RotateWebhookSecret.{version}")
            .WithStoredIdempotency<RotateWebhookSecretRequest>("webhooks.secret.rotate")
            .WithSummary("A new signing secret, shown once; the previous one still signs during the overlap.");
        return endpoints;
    }

    internal static IQueryable<WebhookEndpoint> Owned(this WebhookDbContext db, WebhookCaller caller) =>
        db.Endpoints.Where(e => e.PartnerId == caller.PartnerId && e.Environment == caller.Environment);

    internal static ProblemHttpResult NoCaller() =>
        Problem.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "The key names no partner and environment.");

    internal static ProblemHttpResult EndpointNotFound() => Problem.NotFound("The webhook endpoint");

    private static async Task<Results<Created<CreatedWebhookEndpointDto>, ProblemHttpResult>> CreateAsync(
        CreateWebhookEndpointRequest request, ClaimsPrincipal user, WebhookDbContext db, SecretProtector secrets,
        IOptions<WebhookOptions> options, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (WebhookCaller.From(user) is not { } caller) return NoCaller();
        if (WebhookRequestChecks.EventTypes(request.EventTypes, out var types) is { } badTypes) return badTypes;
        if (WebhookRequestChecks.Description(request.Description) is { } badDescription) return badDescription;
        if (await WebhookRequestChecks.UrlAsync(request.Url, options.Value, cancellationToken) is { } badUrl) return badUrl;
        if (await db.Owned(caller).CountAsync(cancellationToken) >= options.Value.MaxEndpointsPerPartner)
        {
            return Problem.Of(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Too many webhook endpoints.",
                $"At most {options.Value.MaxEndpointsPerPartner} per environment; delete one first.");
        }
        var now = time.GetUtcNow();
        var secret = WebhookSecret.Generate();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = caller.PartnerId,
            Environment = caller.Environment,
            Url = request.Url,
            Description = request.Description,
            EventTypes = types,
            Secret = secrets.Protect(secret),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Endpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{context.Request.PathBase}{context.Request.Path.Value!.TrimEnd('/')}/{endpoint.Id}",
            new CreatedWebhookEndpointDto(WebhookEndpointDto.From(endpoint, now), secret));
    }

    private static async Task<Results<Ok<IReadOnlyList<WebhookEndpointDto>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, WebhookDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (WebhookCaller.From(user) is not { } caller) return NoCaller();
        var now = time.GetUtcNow();
        var rows = await db.Owned(caller).AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        IReadOnlyList<WebhookEndpointDto> list = rows.Select(e => WebhookEndpointDto.From(e, now)).ToList();
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<WebhookEndpointDto>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, WebhookDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (WebhookCaller.From(user) is not { } caller) return NoCaller();
        var endpoint = await db.Owned(caller).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return endpoint is null ? EndpointNotFound() : TypedResults.Ok(WebhookEndpointDto.From(endpoint, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<WebhookEndpointDto>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateWebhookEndpointRequest request, ClaimsPrincipal user, WebhookDbContext db,
        IOptions<WebhookOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (WebhookCaller.From(user) is not { } caller) return NoCaller();
        var endpoint = await db.Owned(caller).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null) return EndpointNotFound();
        if (request.EventTypes is not null)
        {
            if (WebhookRequestChecks.EventTypes(request.EventTypes, out var types) is { } badTypes) return badTypes;
            endpoint.EventTypes = types;
        }
        if (request.Description is not null)
        {
            if (WebhookRequestChecks.Description(request.Description) is { } badDescription) return badDescription;
            endpoint.Description = request.Description.Length == 0 ? null : request.Description;
        }
        if (request.Url is not null)
        {
            if (await WebhookRequestChecks.UrlAsync(request.Url, options.Value, cancellationToken) is { } badUrl) return badUrl;
            endpoint.Url = request.Url;
        }
        if (request.Enabled is { } enabled)
        {
            endpoint.Enabled = enabled;
            endpoint.DisabledReason = null;
            if (enabled)
            {
                endpoint.ConsecutiveFailures = 0;
                endpoint.FailingSince = null;
            }
        }
        var now = time.GetUtcNow();
        endpoint.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WebhookEndpointDto.From(endpoint, now));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, ClaimsPrincipal user, WebhookDbContext db, CancellationToken cancellationToken)
    {
        if (WebhookCaller.From(user) is not { } caller) return NoCaller();
        // Its deliveries go with it (cascade): nothing more is sent to a deleted endpoint.
        var deleted = await db.Owned(caller).Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? EndpointNotFound() : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<RotatedWebhookSecretDto>, ProblemHttpResult>> RotateAsync(
        Guid id, RotateWebhookSecretRequest? request, ClaimsPrincipal user, WebhookDbContext db, SecretProtector secrets,
        IOptions<WebhookOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (WebhookCaller.From(user) is not { } caller) return NoCaller();
        var o = options.Value;
        var overlap = request?.OverlapSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : o.SecretRotationOverlap;
        if (overlap < TimeSpan.Zero || overlap > o.MaxSecretRotationOverlap)
        {
            return Problem.Validation("overlapSeconds", $"Between 0 and {(long)o.MaxSecretRotationOverlap.TotalSeconds}.");
        }
        var endpoint = await db.Owned(caller).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null) return EndpointNotFound();
        var now = time.GetUtcNow();
        var secret = WebhookSecret.Generate();
        endpoint.PreviousSecret = overlap > TimeSpan.Zero ? endpoint.Secret : null;
        endpoint.PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? now + overlap : null;
        endpoint.Secret = secrets.Protect(secret);
        endpoint.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RotatedWebhookSecretDto(secret, endpoint.PreviousSecretExpiresAt));
    }
}
