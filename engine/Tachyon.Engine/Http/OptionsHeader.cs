using System.Buffers;

namespace Tachyon.Engine.Http;

/// <summary>
/// python-multipart's <c>parse_options_header</c>, which Starlette reads Content-Type and Content-Disposition with:
/// <c>type; key=value; key="quoted \"value\""</c>, a <c>;</c> inside quotes not splitting. Keys are lowercased;
/// RFC 2231/5987 keys (<c>filename*=</c>) are left out, as RFC 7578 forbids them in forms.
/// </summary>
internal static class OptionsHeader
{
    /// <summary>HTTP token characters (RFC 7230 3.2.6), python-multipart's check of a part's header names.</summary>
    public static readonly SearchValues<byte> TokenBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~"u8);

    /// <summary>The media type: without parameters the whole value trimmed and lowercased; with them, the text
    /// before the first <c>;</c> trimmed, its case kept.</summary>
    public static string MediaType(string value)
    {
        int semicolon = value.IndexOf(';');
        return semicolon < 0 ? value.Trim().ToLowerInvariant() : value[..semicolon].Trim();
    }

    public static Dictionary<string, string> Parameters(string value)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!value.Contains(';')) return options;
        var segments = Segments(value);
        foreach (var segment in segments.Skip(1))
        {
            int equals = segment.IndexOf('=');
            string key = equals < 0 ? segment : segment[..equals], text = equals < 0 ? "" : segment[(equals + 1)..];
            if (key.Contains('*')) continue;
            if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
                text = text[1..^1].Replace("\\\\", "\\").Replace("\\\"", "\"");
            // Old browsers sent a file's full Windows path: keep what follows the last backslash.
            if (key == "filename" && ((text.Length >= 3 && text[1] == ':' && text[2] == '\\') || text.StartsWith("\\\\", StringComparison.Ordinal)))
                text = text[(text.LastIndexOf('\\') + 1)..];
            options[key] = text;
        }
        return options;
    }

    /// <summary>email.message's _parseparam: split at each <c>;</c> outside quotes; "key = value" becomes
    /// "key=value" with the key lowercased.</summary>
    static List<string> Segments(string value)
    {
        var segments = new List<string>();
        string s = ";" + value;
        int start = 0;
        while (start < s.Length && s[start] == ';')
        {
            start++;
            int end = s.IndexOf(';', start);
            while (end > 0 && (Count(s, start, end, "\"") - Count(s, start, end, "\\\"")) % 2 != 0)
                end = s.IndexOf(';', end + 1);
            if (end < 0) end = s.Length;
            string segment = s[start..end];
            int equals = segment.IndexOf('=');
            if (equals >= 0) segment = segment[..equals].Trim().ToLowerInvariant() + "=" + segment[(equals + 1)..].Trim();
            segments.Add(segment.Trim());
            start = end;
        }
        return segments;
    }

    static int Count(string s, int start, int end, string what)
    {
        int count = 0;
        for (int at = s.IndexOf(what, start, end - start, StringComparison.Ordinal); at >= 0;
             at = at + what.Length < end ? s.IndexOf(what, at + what.Length, end - at - what.Length, StringComparison.Ordinal) : -1)
            count++;
        return count;
    }
}
