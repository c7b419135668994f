using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace BffPlatform.PublicApi.Keys;

/// <summary>An endpoint needs the API key to hold <see cref="Scope"/> (one of <see cref="Contracts.Partners.PartnerScopes"/>).</summary>
public sealed record PartnerScopeRequirement(string Scope) : IAuthorizationRequirement;

internal sealed class PartnerScopeHandler : AuthorizationHandler<PartnerScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PartnerScopeRequirement requirement)
    {
        if (context.User.HasPartnerScope(requirement.Scope)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A key without the scope an endpoint needs is answered 403 <c>insufficient_scope</c> naming the
/// scope (<c>requiredScope</c>); every other outcome is the default one.
/// </summary>
internal sealed class PartnerScopeResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<PartnerScopeRequirement>().FirstOrDefault() is { } missing)
        {
            var problem = Problem.Create(StatusCodes.Status403Forbidden, ErrorCodes.InsufficientScope, "The API key lacks a scope this operation needs.",
                $"This operation needs the scope '{missing.Scope}'; the key holds: {string.Join(", ", context.User.PartnerScopes().DefaultIfEmpty("(none)"))}.");
            problem.Extensions["requiredScope"] = missing.Scope;
            await ProblemWriter.WriteAsync(context, problem);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

public static class PartnerScopeEndpoints
{
    /// <summary>These endpoints need an API key holding <paramref name="scope"/>; without it, 403 <c>insufficient_scope</c> naming it.</summary>
    public static TBuilder RequirePartnerScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new PartnerScopeRequirement(scope))
            .Build());
}
