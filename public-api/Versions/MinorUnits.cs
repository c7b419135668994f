using BffPlatform.Contracts.Common;

namespace BffPlatform.PublicApi.Versions;

/// <summary>v2's money: an integer count of the currency's minor unit (cents, yen, fils) and the currency.</summary>
public sealed record MinorUnitMoney(long Amount, string Currency)
{
    // ISO 4217 exponents other than 2 among the active currencies (Contracts' Currencies).
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.Ordinal)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
    };

    public static int ExponentOf(string currency) => Exponents.GetValueOrDefault(currency, 2);

    /// <summary>
    /// core-api computes amounts in the currency's precision; a finer amount (never seen) is rounded
    /// half to even, as accounting does, rather than failing the partner's read.
    /// </summary>
    public static MinorUnitMoney From(Money money)
    {
        var factor = (decimal)Math.Pow(10, ExponentOf(money.Currency));
        return new MinorUnitMoney((long)decimal.Round(money.Amount * factor, 0, MidpointRounding.ToEven), money.Currency);
    }
}
