using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace Tachyon.Engine.Http;

/// <summary>What a TestClient connection's requests are, as Starlette's TestClient builds their scope: the scheme of
/// the URL the test asked for, the client's root_path. The connection is plain HTTP on loopback, so the scheme comes
/// from here, and the request's own X-Forwarded-For/-Proto are headers like any other (Starlette's TestClient has no
/// proxy). Starlette routes a path under the root path without it (get_route_path), as under an app's root_path.
/// <paramref name="OnCallerLoop"/>: an ASGI call's connection, whose coroutines run on the caller's event loop (the
/// app's code runs in the loop that awaits it, as an ASGI app does).</summary>
internal readonly record struct TestClientPeer(string Scheme, string RootPath, bool OnCallerLoop);

/// <summary>
/// The TestClient connections of a server, by the local port they come from (registered by the TestClient, on
/// loopback only). Requests read nothing here while none is registered.
/// </summary>
internal sealed class TestClientPeers
{
    readonly ConcurrentDictionary<int, TestClientPeer> _byPort = new();
    volatile int _count;

    /// <summary>Registers (or, with a null scheme, forgets) the loopback connection from <paramref name="port"/>.</summary>
    public void Set(int port, string? scheme, string rootPath, bool onCallerLoop = false)
    {
        if (scheme is null) _byPort.TryRemove(port, out _);
        else _byPort[port] = new TestClientPeer(scheme, rootPath, onCallerLoop);
        _count = _byPort.Count;
    }

    /// <summary>The request's TestClient connection, or null.</summary>
    public TestClientPeer? Of(IFeatureCollection features)
    {
        if (_count == 0) return null;
        var connection = features.Get<IHttpConnectionFeature>();
        if (connection?.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip)) return null;
        return _byPort.TryGetValue(connection.RemotePort, out var peer) ? peer : null;
    }

    /// <summary>The root path of the request's connection, or "".</summary>
    public string RootPathOf(IFeatureCollection features) => Of(features)?.RootPath ?? "";

    /// <summary>The port of the request's connection if its coroutines run on the caller's loop, else 0.</summary>
    public int CallerLoopPortOf(IFeatureCollection features) =>
        Of(features) is { OnCallerLoop: true } ? features.Get<IHttpConnectionFeature>()!.RemotePort : 0;
}
