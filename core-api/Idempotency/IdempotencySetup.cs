using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Idempotency;

public static class IdempotencySetup
{
    /// <summary>The store, its options (validated at start-up) and the cleanup of expired keys.</summary>
    public static IHostApplicationBuilder AddIdempotency(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyOptions>()
            .Bind(builder.Configuration.GetSection(IdempotencyOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdempotencyOptions>, IdempotencyOptionsValidator>();
        builder.Services.AddScoped<IdempotencyStore>();
        builder.Services.AddSingleton<IdempotencyCleanup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdempotencyCleanup>());
        return builder;
    }
}
