using System.Text;

namespace BffPlatform.ScaledOut.Tests.Deploy;

/// <summary>
/// Just enough of the protobuf wire format to read OTLP payloads without their schema: walks
/// every field, descends into every length-delimited field that parses as a message, and
/// yields the ones that are UTF-8 text or raw bytes of a given length.
/// </summary>
public static class OtlpWire
{
    public static IEnumerable<string> Strings(byte[] message) =>
        Fields(message).Where(IsText).Select(f => Encoding.UTF8.GetString(f.Span));

    public static IEnumerable<byte[]> Bytes(byte[] message, int length) =>
        Fields(message).Where(f => f.Length == length).Select(f => f.ToArray());

    /// <summary>
    /// The spans of an OTLP trace export, by the schema this time (opentelemetry/proto/trace/v1):
    /// resource_spans = 1, their scope_spans = 2, their spans = 2; a span's trace_id = 1, span_id = 2,
    /// parent_span_id = 4, name = 5.
    /// </summary>
    public static IEnumerable<OtlpSpan> Spans(byte[] request) =>
        from resource in Numbered(request, 1)
        from scope in Numbered(resource, 2)
        from span in Numbered(scope, 2)
        select new OtlpSpan(Hex(span, 1), Hex(span, 2), Hex(span, 4),
            Numbered(span, 5).Select(n => Encoding.UTF8.GetString(n.Span)).FirstOrDefault() ?? "");

    private static string Hex(ReadOnlyMemory<byte> message, int number) =>
        Numbered(message, number).Select(f => Convert.ToHexStringLower(f.Span)).FirstOrDefault() ?? "";

    /// <summary>The length-delimited fields numbered <paramref name="number"/> at the top of <paramref name="message"/>.</summary>
    private static List<ReadOnlyMemory<byte>> Numbered(ReadOnlyMemory<byte> message, int number)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        var span = message.Span;
        var at = 0;
        while (at < span.Length && TryVarint(span, ref at, out var key))
        {
            switch (key & 7)
            {
                case 0:
                    if (!TryVarint(span, ref at, out _)) return found;
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    if (!TryVarint(span, ref at, out var length) || length > (ulong)(span.Length - at)) return found;
                    if ((int)(key >> 3) == number)
                    {
                        found.Add(message.Slice(at, (int)length));
                    }
                    at += (int)length;
                    break;
                default:
                    return found;
            }
        }
        return found;
    }

    private static List<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        Walk(message, found, depth: 0);
        return found;
    }

    private static bool Walk(ReadOnlyMemory<byte> message, List<ReadOnlyMemory<byte>> found, int depth)
    {
        var nested = new List<ReadOnlyMemory<byte>>();
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            if (!TryVarint(span, ref at, out var key) || key >> 3 == 0)
            {
                return false;
            }
            switch (key & 7)
            {
                case 0:
                    if (!TryVarint(span, ref at, out _)) return false;
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    if (!TryVarint(span, ref at, out var length) || length > (ulong)(span.Length - at)) return false;
                    nested.Add(message.Slice(at, (int)length));
                    at += (int)length;
                    break;
                default:
                    return false;
            }
        }
        if (at != span.Length)
        {
            return false;
        }
        foreach (var field in nested)
        {
            found.Add(field);
            if (depth < 16 && field.Length > 0)
            {
                Walk(field, found, depth + 1);
            }
        }
        return true;
    }

    private static bool TryVarint(ReadOnlySpan<byte> span, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && at < span.Length; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsText(ReadOnlyMemory<byte> field)
    {
        if (field.Length is 0 or > 256)
        {
            return false;
        }
        foreach (var b in field.Span)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>One span as exported: ids as lowercase hex (a root span's parent is empty).</summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name);
