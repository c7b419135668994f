namespace BffPlatform.PartnerClient;

/// <summary>v1's money: a decimal amount.</summary>
public sealed record DecimalMoney(decimal Amount, string Currency);

/// <summary>v2's money: an integer count of the currency's minor unit (ISO 4217): 12.50 EUR is 1250, 1500 JPY is 1500.</summary>
public sealed record MinorUnitMoney(long Amount, string Currency)
{
    private static readonly HashSet<string> NoMinorUnit = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"];
    private static readonly HashSet<string> ThreeDigits = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

    /// <summary>The amount in the currency's major unit, for display.</summary>
    public decimal ToDecimal() => Amount / (decimal)Math.Pow(10, NoMinorUnit.Contains(Currency) ? 0 : ThreeDigits.Contains(Currency) ? 3 : 2);
}
