using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Tachyon.Engine.Http;
using Tachyon.Engine.Server;
using Xunit;

namespace Tachyon.Engine.Tests;

/// <summary>A TestClient connection's scheme and root_path (and an ASGI call's loop), and Starlette's get_route_path under it.</summary>
public class TestClientPeersTests
{
    static IFeatureCollection Connection(string peer, int port)
    {
        var features = new FeatureCollection();
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = IPAddress.Parse(peer), RemotePort = port });
        return features;
    }

    [Fact]
    public void TheRegisteredLoopbackConnectionOnly()
    {
        var peers = new TestClientPeers();
        Assert.Null(peers.Of(Connection("127.0.0.1", 40000)));
        peers.Set(40000, "https", "/api");
        Assert.Equal(new TestClientPeer("https", "/api", false), peers.Of(Connection("127.0.0.1", 40000)));
        Assert.Equal("/api", peers.RootPathOf(Connection("127.0.0.1", 40000)));
        Assert.Equal(0, peers.CallerLoopPortOf(Connection("127.0.0.1", 40000)));
        Assert.Null(peers.Of(Connection("127.0.0.1", 40001)));
        Assert.Null(peers.Of(Connection("10.0.0.7", 40000)));   // not a local client
        Assert.Equal("", peers.RootPathOf(Connection("10.0.0.7", 40000)));
        peers.Set(40000, null, "");
        Assert.Null(peers.Of(Connection("127.0.0.1", 40000)));
    }

    [Fact]
    public void AnAsgiCallsConnectionRunsOnItsCallersLoop()
    {
        var peers = new TestClientPeers();
        peers.Set(40002, "http", "", onCallerLoop: true);
        Assert.Equal(40002, peers.CallerLoopPortOf(Connection("127.0.0.1", 40002)));
        Assert.Equal(0, peers.CallerLoopPortOf(Connection("127.0.0.1", 40003)));
        Assert.Equal(0, peers.CallerLoopPortOf(Connection("10.0.0.7", 40002)));
    }

    [Theory]
    [InlineData("/api/users/john", "/api", "/users/john")]
    [InlineData("/users/john", "/api", "/users/john")]
    [InlineData("/api", "/api", "")]
    [InlineData("/apiusers", "/api", "/apiusers")]   // only a whole segment
    [InlineData("/api/users", "", "/api/users")]
    public void RoutePathIsThePathUnderTheRoot(string path, string root, string routed) =>
        Assert.Equal(routed, ServerOptions.RoutePath(path, root));
}
