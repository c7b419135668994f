using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BffPlatform.CoreApi.Data;

/// <summary>decimal ↔ integer ten-thousandths (4 decimals), so SQLite compares and sums amounts exactly.</summary>
public sealed class ScaledDecimalConverter() : ValueConverter<decimal, long>(
    v => decimal.ToInt64(decimal.Round(v * Scale, MidpointRounding.AwayFromZero)),
    v => v / Scale)
{
    public const decimal Scale = 10_000m;
}

/// <summary>DateTimeOffset ↔ UTC ticks; values come back with a zero offset.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>DateTimeOffset → the same instant at offset zero (what PostgreSQL's timestamptz accepts from Npgsql).</summary>
public sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);
