using System.Text;

namespace Tachyon.Engine.Http;

/// <summary>
/// Starlette's <c>cookie_parser</c>: split the Cookie header on ';', each chunk at its first '=' (a chunk
/// without '=' is a value with an empty name), strip both sides, keep non-empty pairs, unquote values
/// as <c>http.cookies._unquote</c> does. A repeated name keeps its last value.
/// </summary>
internal static class CookieParser
{
    public static Dictionary<string, string> Parse(string? header)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(header)) return cookies;
        foreach (var range in header.AsSpan().Split(';'))
        {
            var chunk = header.AsSpan()[range];
            int eq = chunk.IndexOf('=');
            var key = (eq < 0 ? [] : chunk[..eq]).Trim(Whitespace);
            var value = (eq < 0 ? chunk : chunk[(eq + 1)..]).Trim(Whitespace);
            if (key.IsEmpty && value.IsEmpty) continue;
            cookies[key.ToString()] = Unquote(value);
        }
        return cookies;
    }

    // Python's str.strip() whitespace that can appear in a header value.
    static ReadOnlySpan<char> Whitespace => " \t\n\r\v\f";

    static string Unquote(ReadOnlySpan<char> value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"') return value.ToString();
        var inner = value[1..^1];
        var sb = new StringBuilder(inner.Length);
        for (int i = 0; i < inner.Length; i++)
        {
            char c = inner[i];
            if (c != '\\' || i + 1 >= inner.Length) { sb.Append(c); continue; }
            // \ooo (first digit 0-3) is an octal escape; any other \c stands for c.
            if (i + 3 < inner.Length && inner[i + 1] is >= '0' and <= '3' && IsOctal(inner[i + 2]) && IsOctal(inner[i + 3]))
            {
                sb.Append((char)((inner[i + 1] - '0') * 64 + (inner[i + 2] - '0') * 8 + (inner[i + 3] - '0')));
                i += 3;
            }
            else
            {
                sb.Append(inner[i + 1]);
                i++;
            }
        }
        return sb.ToString();
    }

    static bool IsOctal(char c) => c is >= '0' and <= '7';
}
