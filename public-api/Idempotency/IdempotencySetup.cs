using BffPlatform.ServiceDefaults.Options;

namespace BffPlatform.PublicApi.Idempotency;

public static class IdempotencySetup
{
    /// <summary>The store (in the webhook database) and its options, validated at start-up; expired records go with the webhook retention.</summary>
    public static WebApplicationBuilder AddPartnerIdempotency(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<IdempotencyOptions, IdempotencyOptionsValidator>(builder.Configuration, IdempotencyOptions.SectionName);
        builder.Services.AddScoped<IdempotencyStore>();
        return builder;
    }
}
