using System.Collections.Frozen;

namespace BffPlatform.Contracts.Common;

/// <summary>
/// The ISO 4217 currencies a price may be in: the active codes of the standard's list one,
/// without funds, precious metals and testing codes (XAU, XDR, XTS, ...). .NET's RegionInfo
/// cannot answer this under InvariantGlobalization, and "three upper-case letters" accepts
/// codes that name nothing. Withdrawn codes are absent (HRK, ANG, SLL, ZWL, BGN after the euro).
/// </summary>
public static class Currencies
{
    public static FrozenSet<string> Active { get; } = FrozenSet.ToFrozenSet(
    [
        "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD", "BIF", "BMD", "BND",
        "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE",
        "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD",
        "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY",
        "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD",
        "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO",
        "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF",
        "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
        "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VED", "VES", "VND",
        "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
    ], StringComparer.Ordinal);

    /// <summary>An active code, exactly as the standard writes it (upper case).</summary>
    public static bool IsActive(string? code) => code is { Length: 3 } && Active.Contains(code);

    public const string Rule = "An active ISO 4217 currency code in upper case, e.g. EUR.";
}
