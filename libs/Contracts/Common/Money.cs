namespace BffPlatform.Contracts.Common;

/// <summary>An amount in an ISO 4217 currency. Amounts are computed by core-api only.</summary>
public sealed record Money(decimal Amount, string Currency);
