using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Tachyon.Engine.Http;
using Xunit;

namespace Tachyon.Engine.Tests;

/// <summary>uvicorn's proxy-header rules: only a trusted peer's X-Forwarded-Proto/-For count.</summary>
public class ForwardedHeadersTests
{
    static (IHttpRequestFeature, IHttpConnectionFeature) Request(string peer, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestFeature { Scheme = "http", Headers = new HeaderDictionary() };
        foreach (var (name, value) in headers) request.Headers.Append(name, value);
        var connection = new HttpConnectionFeature { RemoteIpAddress = IPAddress.Parse(peer), RemotePort = 5555 };
        return (request, connection);
    }

    [Fact]
    public void SchemeFromATrustedPeerOnly()
    {
        var forwarded = new ForwardedHeaders(["127.0.0.1"]);
        var (request, connection) = Request("127.0.0.1", ("X-Forwarded-Proto", "https"));
        Assert.Equal("https", forwarded.Scheme(request, connection));
        (request, connection) = Request("10.0.0.7", ("X-Forwarded-Proto", "https"));
        Assert.Equal("http", forwarded.Scheme(request, connection));
        (request, connection) = Request("127.0.0.1", ("X-Forwarded-Proto", "gopher"));
        Assert.Equal("http", forwarded.Scheme(request, connection));
        (request, connection) = Request("127.0.0.1", ("X-Forwarded-Proto", "http"), ("X-Forwarded-Proto", "https"));
        Assert.Equal("https", forwarded.Scheme(request, connection));   // the last one
        Assert.Equal("http", new ForwardedHeaders([]).Scheme(request, connection));   // proxy headers off
    }

    [Fact]
    public void ClientIsTheNearestUntrustedForwardedHost()
    {
        var forwarded = new ForwardedHeaders(["127.0.0.1", "10.0.0.2"]);
        var (request, connection) = Request("127.0.0.1", ("X-Forwarded-For", "203.0.113.9, 198.51.100.4, 10.0.0.2"));
        Assert.Equal(("198.51.100.4", 0), forwarded.Client(request, connection));
        (request, connection) = Request("127.0.0.1", ("X-Forwarded-For", "10.0.0.2"));
        Assert.Equal(("10.0.0.2", 0), forwarded.Client(request, connection));   // all trusted: the first
        (request, connection) = Request("192.0.2.1", ("X-Forwarded-For", "203.0.113.9"));
        Assert.Equal(("192.0.2.1", 5555), forwarded.Client(request, connection));   // untrusted peer: itself
        (request, connection) = Request("192.0.2.1", ("X-Forwarded-For", "203.0.113.9, 198.51.100.4"));
        Assert.Equal(("203.0.113.9", 0), new ForwardedHeaders(["*"]).Client(request, connection));
    }
}
