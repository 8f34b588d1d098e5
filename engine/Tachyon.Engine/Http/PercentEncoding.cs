using System.Buffers;
using System.Text;

namespace Tachyon.Engine.Http;

/// <summary>
/// Python's <c>urllib.parse.quote(s, safe)</c>: ASCII letters, digits, <c>_.-~</c> and the <paramref name="safe"/>
/// characters stay; every other character becomes the <c>%XX</c> escapes of its UTF-8 bytes.
/// </summary>
public static class PercentEncoding
{
    /// <summary>What Starlette's RedirectResponse keeps in a Location it quotes.</summary>
    public static readonly SearchValues<char> RedirectSafe =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-~:/%#?=@[]!$&'()*+,;");

    public static string Quote(string s, SearchValues<char> keep)
    {
        int first = s.AsSpan().IndexOfAnyExcept(keep);
        if (first < 0) return s;
        var output = new StringBuilder(s.Length + 16).Append(s, 0, first);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = first; i < s.Length; i++)
        {
            char c = s[i];
            if (keep.Contains(c)) { output.Append(c); continue; }
            // A surrogate pair is one code point; a lone surrogate is written as U+FFFD's bytes, not an exception.
            int length = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
                ? Encoding.UTF8.GetBytes(s.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(char.IsSurrogate(c) ? "\uFFFD" : s.AsSpan(i, 1), utf8);
            foreach (byte b in utf8[..length]) output.Append('%').Append(ToHex(b >> 4)).Append(ToHex(b & 0xF));
        }
        return output.ToString();
    }

    static char ToHex(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
