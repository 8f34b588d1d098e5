using System.Globalization;
using System.Text.Json;
using Tachyon.Engine.Binding;
using Xunit;
using Xunit.Abstractions;

namespace Tachyon.Engine.Tests;

public class ScalarFastPathTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("+1", 1L)]
    [InlineData("007", 7L)]
    [InlineData(" 12 ", 12L)]
    [InlineData("1_000", 1000L)]
    [InlineData("42.0", 42L)]
    [InlineData("-0", 0L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void IntCanonicalFormsTakeTheFastPath(string input, long expected)
    {
        Assert.True(ScalarFastPath.TryInt(input, out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.5")]
    [InlineData("1.")]
    [InlineData("1e3")]
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("٣")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("0x10")]
    public void IntDefersWhenNotCanonical(string input)
    {
        Assert.False(ScalarFastPath.TryInt(input, out _));
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("-2.5", -2.5)]
    [InlineData("3.14", 3.14)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1E-3", 0.001)]
    [InlineData(".5", 0.5)]
    [InlineData("1.", 1.0)]
    [InlineData("0.1", 0.1)]
    [InlineData("5e-324", 5e-324)]
    public void FloatCanonicalFormsTakeTheFastPath(string input, double expected)
    {
        Assert.True(ScalarFastPath.TryFloat(input, out double value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void FloatKeepsNegativeZero()
    {
        Assert.True(ScalarFastPath.TryFloat("-0", out double value));
        Assert.True(double.IsNegative(value));
    }

    [Theory]
    [InlineData("inf")]
    [InlineData("nan")]
    [InlineData("1e400")]
    [InlineData("1_0")]
    [InlineData("0x1p3")]
    [InlineData(".")]
    [InlineData("e3")]
    [InlineData("1e")]
    [InlineData("١")]
    public void FloatDefersWhenNotCanonical(string input)
    {
        Assert.False(ScalarFastPath.TryFloat(input, out _));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void BoolSpellingsTakeTheFastPath(string input, bool expected)
    {
        Assert.True(ScalarFastPath.TryBool(input, out bool value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(" true")]
    [InlineData("2")]
    [InlineData("falſe")]
    [InlineData("")]
    public void BoolRejectsOtherSpellings(string input)
    {
        Assert.False(ScalarFastPath.TryBool(input, out _));
    }

    [Theory]
    [InlineData("12345678-1234-5678-1234-567812345678", true)]
    [InlineData("ABCDEF01-1234-5678-1234-56781234567a", true)]
    [InlineData("12345678123456781234567812345678", true)]
    [InlineData("{12345678-1234-5678-1234-567812345678}", false)]
    [InlineData("12345678-1234-5678-1234-56781234567g", false)]
    [InlineData("1234567-81234-5678-1234-567812345678", false)]
    [InlineData("", false)]
    public void RecognisesCanonicalUuids(string input, bool expected)
    {
        Assert.Equal(expected, ScalarFastPath.IsCanonicalUuid(input));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("a😀b", 3)]
    [InlineData("😀😀", 2)]
    public void CodePointLengthIsPythonLen(string input, int expected)
    {
        Assert.Equal(expected, ScalarFastPath.CodePointLength(input));
    }

    [Fact]
    public void LoneSurrogatesCountOnce()
    {
        // Built in code: xunit mangles lone surrogates in InlineData.
        Assert.Equal(2, ScalarFastPath.CodePointLength("\uD800x"));
        Assert.Equal(2, ScalarFastPath.CodePointLength("x\uDC00"));
        Assert.Equal(2, ScalarFastPath.CodePointLength("\uDC00\uD800"));
        Assert.Equal(3, ScalarFastPath.CodePointLength("\uD800\uD83D\uDE00x"));
    }

    /// <summary>
    /// Data/scalar_cases.jsonl holds pydantic's verdicts (Data/make_scalar_cases.py). Whenever a fast path
    /// answers, pydantic must have accepted the input with the same value.
    /// </summary>
    [Fact]
    public void FastPathAgreesWithPydantic()
    {
        int cases = 0, ints = 0, floats = 0, bools = 0, uuids = 0;
        foreach (JsonElement c in TestData.JsonLines("scalar_cases.jsonl"))
        {
            cases++;
            string s = c.GetProperty("s").GetString()!;
            Assert.Equal(c.GetProperty("len").GetInt32(), ScalarFastPath.CodePointLength(s));

            if (ScalarFastPath.TryInt(s, out long i))
            {
                ints++;
                Assert.True(c.GetProperty("int").ValueKind == JsonValueKind.String, $"int {s}: pydantic rejects");
                Assert.Equal(c.GetProperty("int").GetString(), i.ToString(CultureInfo.InvariantCulture));
            }
            if (ScalarFastPath.TryFloat(s, out double f))
            {
                floats++;
                Assert.True(c.GetProperty("float").ValueKind == JsonValueKind.String, $"float {s}: pydantic rejects");
                Assert.Equal(c.GetProperty("float").GetString(), BitConverter.DoubleToUInt64Bits(f).ToString("x16"));
            }
            if (ScalarFastPath.TryBool(s, out bool b))
            {
                bools++;
                Assert.True(c.GetProperty("bool").ValueKind is JsonValueKind.True or JsonValueKind.False, $"bool {s}: pydantic rejects");
                Assert.Equal(c.GetProperty("bool").GetBoolean(), b);
            }
            if (ScalarFastPath.IsCanonicalUuid(s))
            {
                uuids++;
                string? expected = c.GetProperty("uuid").GetString();
                Assert.NotNull(expected);
                Assert.Equal(expected, c.GetProperty("uuid_ctor").GetString());
            }
        }
        output.WriteLine($"{cases} cases; fast path taken: int {ints}, float {floats}, bool {bools}, uuid {uuids}");
        Assert.True(cases > 5000);
    }

    /// <summary>How many of pydantic's acceptances the fast path covers, per type (informational).</summary>
    [Fact]
    public void ReportsCoverage()
    {
        int intOk = 0, intFast = 0, floatOk = 0, floatFast = 0, boolOk = 0, boolFast = 0, uuidOk = 0, uuidFast = 0;
        foreach (JsonElement c in TestData.JsonLines("scalar_cases.jsonl"))
        {
            string s = c.GetProperty("s").GetString()!;
            if (c.GetProperty("int").ValueKind != JsonValueKind.Null) { intOk++; intFast += ScalarFastPath.TryInt(s, out _) ? 1 : 0; }
            if (c.GetProperty("float").ValueKind != JsonValueKind.Null) { floatOk++; floatFast += ScalarFastPath.TryFloat(s, out _) ? 1 : 0; }
            if (c.GetProperty("bool").ValueKind != JsonValueKind.Null) { boolOk++; boolFast += ScalarFastPath.TryBool(s, out _) ? 1 : 0; }
            if (c.GetProperty("uuid").ValueKind != JsonValueKind.Null) { uuidOk++; uuidFast += ScalarFastPath.IsCanonicalUuid(s) ? 1 : 0; }
        }
        output.WriteLine($"pydantic accepts / fast path: int {intOk}/{intFast}, float {floatOk}/{floatFast}, bool {boolOk}/{boolFast}, uuid {uuidOk}/{uuidFast}");
        Assert.Equal(boolOk, boolFast);
    }
}
