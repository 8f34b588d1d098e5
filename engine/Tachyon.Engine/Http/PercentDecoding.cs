using System.Buffers;
using System.Text.Unicode;

namespace Tachyon.Engine.Http;

/// <summary>
/// Python's <c>urllib.parse.unquote</c> / <c>unquote_plus</c> with their defaults (UTF-8, errors='replace').
/// A <c>%</c> not followed by two ASCII hex digits stays literal. Each run of consecutive escapes is decoded
/// as UTF-8 on its own, invalid bytes becoming U+FFFD per maximal subpart (as both CPython and .NET do);
/// this equals Python's decoding of whole ASCII runs, because a literal character between escapes always
/// ends a multi-byte sequence anyway.
/// </summary>
public static class PercentDecoding
{
    private const int StackLimit = 256;

    public static string Unquote(ReadOnlySpan<char> s) => Decode(s, plusIsSpace: false);

    /// <summary><c>unquote_plus</c>: '+' becomes a space before unquoting (so "%2B" still gives '+').</summary>
    public static string UnquotePlus(ReadOnlySpan<char> s) => Decode(s, plusIsSpace: true);

    private static string Decode(ReadOnlySpan<char> s, bool plusIsSpace)
    {
        int first = plusIsSpace ? s.IndexOfAny('%', '+') : s.IndexOf('%');
        if (first < 0)
            return s.ToString();

        // Decoding never lengthens: an escape (3 chars) gives at most one char, '+' gives one.
        char[]? rentedChars = null;
        Span<char> output = s.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rentedChars = ArrayPool<char>.Shared.Rent(s.Length));
        byte[]? rentedBytes = null;
        Span<byte> bytes = s.Length <= StackLimit
            ? stackalloc byte[StackLimit / 3]
            : (rentedBytes = ArrayPool<byte>.Shared.Rent(s.Length / 3));

        s[..first].CopyTo(output);
        int written = first;
        int i = first;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '%' && IsEscape(s, i))
            {
                // Collect the run of consecutive escapes, then decode it as one UTF-8 sequence.
                int byteCount = 0;
                do
                {
                    bytes[byteCount++] = (byte)(HexValue(s[i + 1]) << 4 | HexValue(s[i + 2]));
                    i += 3;
                } while (i < s.Length && s[i] == '%' && IsEscape(s, i));
                Utf8.ToUtf16(bytes[..byteCount], output[written..], out _, out int charsWritten);
                written += charsWritten;
                continue;
            }
            output[written++] = plusIsSpace && c == '+' ? ' ' : c;
            i++;
        }

        string result = new(output[..written]);
        if (rentedChars != null)
            ArrayPool<char>.Shared.Return(rentedChars);
        if (rentedBytes != null)
            ArrayPool<byte>.Shared.Return(rentedBytes);
        return result;
    }

    private static bool IsEscape(ReadOnlySpan<char> s, int percent) =>
        percent + 2 < s.Length && char.IsAsciiHexDigit(s[percent + 1]) && char.IsAsciiHexDigit(s[percent + 2]);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
