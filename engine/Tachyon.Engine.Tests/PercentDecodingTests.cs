using Tachyon.Engine.Http;
using Xunit;

namespace Tachyon.Engine.Tests;

public class PercentDecodingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("abc", "abc")]
    [InlineData("a+b", "a+b")]
    [InlineData("abc%20def", "abc def")]
    [InlineData("%7e/abc", "~/abc")]
    [InlineData("%C3%A9", "é")]
    [InlineData("%c3%a9t%C3%A9", "été")]
    [InlineData("%F0%9F%98%80", "😀")]
    [InlineData("%", "%")]
    [InlineData("100%", "100%")]
    [InlineData("%2", "%2")]
    [InlineData("%zz%41", "%zzA")]
    [InlineData("%%41", "%A")]
    [InlineData("%C3", "\uFFFD")]
    [InlineData("%C3A", "\uFFFDA")]
    [InlineData("%C3é%A9", "\uFFFDé\uFFFD")]
    [InlineData("%ED%A0%80", "\uFFFD\uFFFD\uFFFD")]
    [InlineData("%FF%FE", "\uFFFD\uFFFD")]
    public void UnquoteMatchesPython(string input, string expected)
    {
        Assert.Equal(expected, PercentDecoding.Unquote(input));
    }

    [Theory]
    [InlineData("a+b", "a b")]
    [InlineData("%7e/abc+def", "~/abc def")]
    [InlineData("a%2Bb+", "a+b ")]
    [InlineData("++", "  ")]
    [InlineData("plain", "plain")]
    public void UnquotePlusMatchesPython(string input, string expected)
    {
        Assert.Equal(expected, PercentDecoding.UnquotePlus(input));
    }

    [Fact]
    public void LongInputsUsePooledBuffers()
    {
        string input = string.Concat(Enumerable.Repeat("%E2%82%AC+x", 200)) + "%E2";
        string expected = string.Concat(Enumerable.Repeat("€ x", 200)) + "\uFFFD";
        Assert.Equal(expected, PercentDecoding.UnquotePlus(input));
    }

    /// <summary>Data/url_cases.jsonl is produced by CPython (Data/make_url_cases.py).</summary>
    [Fact]
    public void MatchesCPythonOnGeneratedCases()
    {
        int count = 0;
        foreach (var c in TestData.JsonLines("url_cases.jsonl"))
        {
            string input = c.GetProperty("s").GetString()!;
            Assert.Equal(c.GetProperty("unquote").GetString(), PercentDecoding.Unquote(input));
            Assert.Equal(c.GetProperty("unquote_plus").GetString(), PercentDecoding.UnquotePlus(input));
            count++;
        }
        Assert.True(count >= 3000);
    }
}
