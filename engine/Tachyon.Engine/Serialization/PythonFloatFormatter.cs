using System.Globalization;

namespace Tachyon.Engine.Serialization;

/// <summary>
/// Formats a finite double exactly as Python's <c>repr(float)</c> (and so <c>json.dumps</c>) does.
/// Both languages pick the shortest round-tripping digits, so only the layout differs: .NET's "R" output is
/// taken apart into digits and a decimal exponent, then laid out by Python's rule (format_float_short with
/// mode 'r'): fixed notation when -4 &lt;= exp10 &lt; 16, else <c>d[.ddd]e±XX</c>.
/// </summary>
public static class PythonFloatFormatter
{
    /// <summary>Writes ASCII into <paramref name="destination"/> (at least 32 bytes) and returns the byte count.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        // "R" gives e.g. "-1.2345E-05", "1E+16", "123.45", "-0".
        Span<byte> raw = stackalloc byte[32];
        value.TryFormat(raw, out int rawLength, "R", CultureInfo.InvariantCulture);
        raw = raw[..rawLength];

        int pos = 0;
        int written = 0;
        if (raw[0] == (byte)'-')
        {
            destination[written++] = (byte)'-';
            pos = 1;
        }

        // Significant digits without the point; pointIndex = digits before the point.
        Span<byte> digits = stackalloc byte[32];
        int digitCount = 0;
        int pointIndex = -1;
        for (; pos < raw.Length; pos++)
        {
            byte c = raw[pos];
            if (c == (byte)'.')
                pointIndex = digitCount;
            else if (c == (byte)'E')
                break;
            else
                digits[digitCount++] = c;
        }
        if (pointIndex < 0)
            pointIndex = digitCount;

        int exponent = 0;
        if (pos < raw.Length)
        {
            // Skip 'E'; the exponent always carries a sign in "R" output.
            bool negativeExponent = raw[pos + 1] == (byte)'-';
            for (pos += 2; pos < raw.Length; pos++)
                exponent = exponent * 10 + (raw[pos] - '0');
            if (negativeExponent)
                exponent = -exponent;
        }

        // Normalise to d.ddd × 10^exp10 with no leading or trailing zero digits ("0.0001" → "1", exp10 -4).
        int first = 0;
        while (first < digitCount - 1 && digits[first] == (byte)'0')
            first++;
        int last = digitCount;
        while (last > first + 1 && digits[last - 1] == (byte)'0')
            last--;
        ReadOnlySpan<byte> significant = digits[first..last];
        int exp10 = significant[0] == (byte)'0' ? 0 : pointIndex - first - 1 + exponent;

        Span<byte> output = destination[written..];
        written += exp10 is >= -4 and < 16
            ? WriteFixed(significant, exp10, output)
            : WriteExponential(significant, exp10, output);
        return written;
    }

    private static int WriteFixed(ReadOnlySpan<byte> significant, int exp10, Span<byte> output)
    {
        int n = 0;
        if (exp10 < 0)
        {
            // 0.000ddd
            output[n++] = (byte)'0';
            output[n++] = (byte)'.';
            for (int i = -1; i > exp10; i--)
                output[n++] = (byte)'0';
            significant.CopyTo(output[n..]);
            return n + significant.Length;
        }

        int integerDigits = exp10 + 1;
        if (significant.Length <= integerDigits)
        {
            // ddd000.0
            significant.CopyTo(output);
            n = significant.Length;
            for (; n < integerDigits; n++)
                output[n] = (byte)'0';
            output[n++] = (byte)'.';
            output[n++] = (byte)'0';
            return n;
        }

        // ddd.ddd
        significant[..integerDigits].CopyTo(output);
        n = integerDigits;
        output[n++] = (byte)'.';
        significant[integerDigits..].CopyTo(output[n..]);
        return n + significant.Length - integerDigits;
    }

    private static int WriteExponential(ReadOnlySpan<byte> significant, int exp10, Span<byte> output)
    {
        int n = 0;
        output[n++] = significant[0];
        if (significant.Length > 1)
        {
            output[n++] = (byte)'.';
            significant[1..].CopyTo(output[n..]);
            n += significant.Length - 1;
        }
        output[n++] = (byte)'e';
        output[n++] = exp10 < 0 ? (byte)'-' : (byte)'+';
        int magnitude = Math.Abs(exp10);
        if (magnitude >= 100)
            output[n++] = (byte)('0' + magnitude / 100);
        output[n++] = (byte)('0' + magnitude / 10 % 10);
        output[n++] = (byte)('0' + magnitude % 10);
        return n;
    }
}
