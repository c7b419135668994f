using BffPlatform.Contracts.Partners;

namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// The partner public-api acts for on this request, set by <see cref="PartnerActingFilter"/> from
/// the partner headers of a <c>partners.act</c> token. Absent on every other request.
/// </summary>
public sealed record PartnerCaller(Guid PartnerId, string Environment)
{
    /// <summary>The owner of the partner's orders: <c>partner:&lt;id&gt;</c>.</summary>
    public string CustomerId => PartnerHeaders.CustomerId(PartnerId);

    /// <summary>A test key's sandbox: its orders are marked test and kept apart from live ones.</summary>
    public bool Test => Environment == PartnerEnvironments.Test;
}

public static class PartnerCallerExtensions
{
    /// <summary>The partner this request acts for, or null.</summary>
    public static PartnerCaller? PartnerCaller(this HttpContext http) => http.Features.Get<PartnerCaller>();
}

/// <summary>Marks endpoints where a <c>partners.act</c> token must name a partner (it never acts as itself there).</summary>
public sealed record PartnerRequiredMetadata;

public static class PartnerRequiredExtensions
{
    /// <summary>public-api's token must say which partner it acts for on these endpoints (orders): 403 otherwise.</summary>
    public static TBuilder RequirePartnerForActors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PartnerRequiredMetadata());
}
