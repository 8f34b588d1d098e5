using System.Globalization;
using System.Text;
using Tachyon.Engine.Serialization;
using Xunit;

namespace Tachyon.Engine.Tests;

public class PythonFloatFormatterTests
{
    private static string Format(double value)
    {
        Span<byte> buffer = stackalloc byte[32];
        int n = PythonFloatFormatter.Format(value, buffer);
        return Encoding.ASCII.GetString(buffer[..n]);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(100.0, "100.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e-07, "1.5e-07")]
    [InlineData(123456789012345.6, "123456789012345.6")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012345678901234567, "0.00012345678901234567")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(-5e-324, "-5e-324")]
    [InlineData(1.7976931348623157e+308, "1.7976931348623157e+308")]
    [InlineData(1e22, "1e+22")]
    [InlineData(1e100, "1e+100")]
    [InlineData(12345678901234567890.0, "1.2345678901234567e+19")]
    [InlineData(9007199254740993.0, "9007199254740992.0")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    public void FormatsLikePythonRepr(double value, string expected)
    {
        Assert.Equal(expected, Format(value));
    }

    /// <summary>Data/float_repr.txt is produced by CPython (Data/make_float_repr.py).</summary>
    [Fact]
    public void MatchesCPythonOnGeneratedValues()
    {
        string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "float_repr.txt"));
        Assert.True(lines.Length > 4000);
        var failures = new List<string>();
        foreach (string line in lines)
        {
            int space = line.IndexOf(' ');
            ulong bits = ulong.Parse(line.AsSpan(0, space), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            string expected = line[(space + 1)..];
            string actual = Format(BitConverter.UInt64BitsToDouble(bits));
            if (actual != expected)
                failures.Add($"{line} -> {actual}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
