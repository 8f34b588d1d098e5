using System.Buffers;
using System.Globalization;
using System.Text;

namespace Tachyon.Engine.Binding;

/// <summary>
/// Coerces query/path strings in C# when the answer is certain to equal pydantic v2's lax-mode
/// <c>TypeAdapter(T).validate_python(s)</c>. Each Try method returns true only for a subset of the inputs
/// pydantic accepts, with the identical value; false means "let pydantic decide" (also for inputs pydantic
/// accepts through its quirks, e.g. int "0-5" → -5, float "+0_." → 0.0). Checked against pydantic's own
/// verdicts in Tachyon.Engine.Tests/Data/scalar_cases.jsonl.
/// </summary>
public static class ScalarFastPath
{
    // pydantic trims with Rust's str::trim (Unicode White_Space); the ASCII part of that set is enough here.
    private const string AsciiWhitespace = " \t\n\v\f\r";

    // Longer inputs are rare and come near pydantic's size limits (4300 digits for int): leave them to it.
    private const int MaxLength = 64;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>
    /// <c>[ws] [+|-] digits [.0…] [ws]</c>, digits possibly grouped by single underscores between digits
    /// ("1_000"), leading zeros allowed, fitting in a long.
    /// </summary>
    public static bool TryInt(string s, out long value)
    {
        value = 0;
        if (s.Length > MaxLength)
            return false;
        ReadOnlySpan<char> span = s.AsSpan().Trim(AsciiWhitespace);
        if (span.IsEmpty)
            return false;

        int i = 0;
        bool negative = span[0] == '-';
        if (negative || span[0] == '+')
            i = 1;
        if (i == span.Length || !char.IsAsciiDigit(span[i]))
            return false;

        // 9223372036854775808 = |long.MinValue| still fits in the ulong accumulator with room for one more digit.
        const ulong LastSafe = 922_337_203_685_477_580;
        ulong magnitude = 0;
        for (; i < span.Length; i++)
        {
            char c = span[i];
            if (char.IsAsciiDigit(c))
            {
                if (magnitude > LastSafe)
                    return false;
                magnitude = magnitude * 10 + (uint)(c - '0');
            }
            else if (c == '_')
            {
                // A digit came before (checked on entry and after each '_'); one must follow.
                if (i + 1 == span.Length || !char.IsAsciiDigit(span[i + 1]))
                    return false;
            }
            else
                break;
        }

        // pydantic accepts an integral decimal part of zeros only: "42.0", "42.000" (not "42.").
        if (i < span.Length)
        {
            if (span[i] != '.' || i + 1 == span.Length || span[(i + 1)..].ContainsAnyExcept('0'))
                return false;
        }

        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
                return false;
            value = (long)(0 - magnitude);
        }
        else
        {
            if (magnitude > long.MaxValue)
                return false;
            value = (long)magnitude;
        }
        return true;
    }

    /// <summary>
    /// <c>[ws] [+|-] (digits [. [digits]] | . digits) [(e|E) [+|-] digits] [ws]</c> with a finite result.
    /// No inf/nan spellings and no underscores. Python (Rust's parser in pydantic) and .NET both round
    /// correctly, so the values agree bit for bit, including -0.0.
    /// </summary>
    public static bool TryFloat(string s, out double value)
    {
        value = 0;
        if (s.Length > MaxLength)
            return false;
        ReadOnlySpan<char> span = s.AsSpan().Trim(AsciiWhitespace);

        int i = 0;
        if (i < span.Length && span[i] is '+' or '-')
            i++;
        int integerDigits = CountDigits(span, ref i);
        int fractionDigits = 0;
        if (i < span.Length && span[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(span, ref i);
        }
        if (integerDigits + fractionDigits == 0)
            return false;
        if (i < span.Length && span[i] is 'e' or 'E')
        {
            i++;
            if (i < span.Length && span[i] is '+' or '-')
                i++;
            if (CountDigits(span, ref i) == 0)
                return false;
        }
        if (i != span.Length)
            return false;

        const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        return double.TryParse(span, Style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>pydantic's spellings, exactly as it matches them: "0"/"1", or a word in any ASCII case, no trimming.</summary>
    public static bool TryBool(string s, out bool value)
    {
        ReadOnlySpan<char> span = s;
        // Ascii.EqualsIgnoreCase, not OrdinalIgnoreCase: the latter would also match e.g. "falſe" (long s).
        value = span is "1"
            || Ascii.EqualsIgnoreCase(span, "true") || Ascii.EqualsIgnoreCase(span, "t")
            || Ascii.EqualsIgnoreCase(span, "yes") || Ascii.EqualsIgnoreCase(span, "y")
            || Ascii.EqualsIgnoreCase(span, "on");
        return value
            || span is "0"
            || Ascii.EqualsIgnoreCase(span, "false") || Ascii.EqualsIgnoreCase(span, "f")
            || Ascii.EqualsIgnoreCase(span, "no") || Ascii.EqualsIgnoreCase(span, "n")
            || Ascii.EqualsIgnoreCase(span, "off");
    }

    /// <summary>
    /// 8-4-4-4-12 hyphenated or 32 plain hex digits, any ASCII case: accepted by pydantic and read the same
    /// by <c>uuid.UUID(s)</c>. Braces, "urn:uuid:" and whitespace are left to pydantic.
    /// </summary>
    public static bool IsCanonicalUuid(string s)
    {
        ReadOnlySpan<char> span = s;
        return span.Length switch
        {
            32 => !span.ContainsAnyExcept(HexDigits),
            36 => span[8] == '-' && span[13] == '-' && span[18] == '-' && span[23] == '-'
                && !span[..8].ContainsAnyExcept(HexDigits)
                && !span[9..13].ContainsAnyExcept(HexDigits)
                && !span[14..18].ContainsAnyExcept(HexDigits)
                && !span[19..23].ContainsAnyExcept(HexDigits)
                && !span[24..].ContainsAnyExcept(HexDigits),
            _ => false,
        };
    }

    /// <summary>Python's <c>len(s)</c>: code points, so a surrogate pair counts once (a lone surrogate too).</summary>
    public static int CodePointLength(string s)
    {
        int first = s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
            return s.Length;
        int length = s.Length;
        for (int i = first; i < s.Length - 1; i++)
        {
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]))
            {
                length--;
                i++;
            }
        }
        return length;
    }

    private static int CountDigits(ReadOnlySpan<char> span, ref int i)
    {
        int start = i;
        while (i < span.Length && char.IsAsciiDigit(span[i]))
            i++;
        return i - start;
    }
}
