using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Tachyon.Engine.Http;
using Tachyon.Engine.Server;
using Xunit;

namespace Tachyon.Engine.Tests;

/// <summary>A TestClient connection's root_path, and Starlette's get_route_path under it.</summary>
public class PeerRootPathsTests
{
    static IFeatureCollection Connection(string peer, int port)
    {
        var features = new FeatureCollection();
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = IPAddress.Parse(peer), RemotePort = port });
        return features;
    }

    [Fact]
    public void RootPathOfTheRegisteredLoopbackConnectionOnly()
    {
        var roots = new PeerRootPaths();
        Assert.Equal("", roots.Of(Connection("127.0.0.1", 40000)));
        roots.Set(40000, "/api");
        Assert.Equal("/api", roots.Of(Connection("127.0.0.1", 40000)));
        Assert.Equal("", roots.Of(Connection("127.0.0.1", 40001)));
        Assert.Equal("", roots.Of(Connection("10.0.0.7", 40000)));   // not a local client
        roots.Set(40000, "");
        Assert.Equal("", roots.Of(Connection("127.0.0.1", 40000)));
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
