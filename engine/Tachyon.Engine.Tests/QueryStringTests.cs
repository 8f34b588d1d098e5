using Tachyon.Engine.Http;
using Xunit;

namespace Tachyon.Engine.Tests;

public class QueryStringTests
{
    private static string Show(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}"));

    [Theory]
    [InlineData("", "")]
    [InlineData("a=1&b=2", "a=1 | b=2")]
    [InlineData("a=1;b=2", "a=1;b=2")]
    [InlineData("a", "a=")]
    [InlineData("a=", "a=")]
    [InlineData("=b", "=b")]
    [InlineData("=", "=")]
    [InlineData("&&a=1&&", "a=1")]
    [InlineData("a=b=c", "a=b=c")]
    [InlineData("a+b=c+d%2B", "a b=c d+")]
    [InlineData("q=%E2%82%AC&q=x", "q=€ | q=x")]
    [InlineData("k%3Dv=1", "k=v=1")]
    [InlineData("a=%26&b", "a=& | b=")]
    public void ParsesLikeParseQsl(string query, string expected)
    {
        Assert.Equal(expected, Show(QueryString.Parse(query)));
    }

    /// <summary>Data/url_cases.jsonl is produced by CPython (Data/make_url_cases.py).</summary>
    [Fact]
    public void MatchesCPythonOnGeneratedCases()
    {
        foreach (var c in TestData.JsonLines("url_cases.jsonl"))
        {
            var expected = c.GetProperty("qsl").EnumerateArray()
                .Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!));
            var actual = QueryString.Parse(c.GetProperty("s").GetString());
            Assert.Equal(expected.ToList(), actual);
        }
    }
}
