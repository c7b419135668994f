using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace BffPlatform.ServiceDefaults.Problems;

/// <summary>
/// Names the route or query value a bare 400 could not read. The build-time request delegate
/// generator answers an unparsable optional value (<c>?limit=ten</c> for an <c>int?</c>) with a bare
/// 400 where the runtime factory threw an exception naming it; this finds it again from the
/// endpoint's parameter metadata, on the error path only, in the framework's own words.
/// </summary>
internal static class UnreadableParameter
{
    public static string? Describe(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is null)
        {
            return null;
        }
        foreach (var parameter in endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>())
        {
            if (!parameter.HasTryParse)
            {
                continue;
            }
            var raw = http.Request.RouteValues.TryGetValue(parameter.Name, out var routed) && routed is not null
                ? Convert.ToString(routed, CultureInfo.InvariantCulture)
                : http.Request.Query[parameter.Name].ToString();
            var declared = parameter.ParameterInfo.ParameterType;
            var type = Nullable.GetUnderlyingType(declared) ?? declared;
            if (!string.IsNullOrEmpty(raw) && !CanParse(type, raw))
            {
                var name = Nullable.GetUnderlyingType(declared) is null ? type.Name : $"Nullable<{type.Name}>";
                return $"Failed to bind parameter \"{name} {parameter.Name}\" from \"{raw}\".";
            }
        }
        return null;
    }

    private static bool CanParse(Type type, string raw)
    {
        if (type.IsEnum)
        {
            return Enum.TryParse(type, raw, ignoreCase: true, out _);
        }
        var withProvider = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (withProvider is not null)
        {
            return (bool)withProvider.Invoke(null, [raw, CultureInfo.InvariantCulture, null])!;
        }
        var plain = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);
        // A type parsed some other way: not ours to judge.
        return plain is null || (bool)plain.Invoke(null, [raw, null])!;
    }
}
