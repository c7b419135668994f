using System.Globalization;

namespace BffPlatform.BffMobile.Hosting;

/// <summary>App versions as the stores spell them: <c>major.minor[.patch]</c>, digits only, a pre-release or build suffix ignored.</summary>
internal static class AppVersions
{
    public static bool TryParse(string? value, out Version version)
    {
        version = new Version(0, 0);
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64) return false;
        var core = value.Trim().Split('-', '+')[0];
        var parts = core.Split('.');
        if (parts.Length is < 2 or > 3) return false;
        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length is 0 or > 9 || !parts[i].All(char.IsAsciiDigit)) return false;
            numbers[i] = int.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        version = new Version(numbers[0], numbers[1], numbers[2]);
        return true;
    }
}
