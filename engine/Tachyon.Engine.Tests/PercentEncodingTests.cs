using Tachyon.Engine.Http;
using Xunit;

namespace Tachyon.Engine.Tests;

public class PercentEncodingTests
{
    // Expected values from CPython: urllib.parse.quote(s, safe=":/%#?=@[]!$&'()*+,;"), as Starlette's RedirectResponse.
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("http://h/items/a b/", "http://h/items/a%20b/")]
    [InlineData("http://h/items/café/?x=%20y&z=é", "http://h/items/caf%C3%A9/?x=%20y&z=%C3%A9")]
    [InlineData("http://h/😀/\"<>{}|^`", "http://h/%F0%9F%98%80/%22%3C%3E%7B%7D%7C%5E%60")]
    public void QuotesAsPythonDoesForRedirects(string input, string expected) =>
        Assert.Equal(expected, PercentEncoding.Quote(input, PercentEncoding.RedirectSafe));
}
