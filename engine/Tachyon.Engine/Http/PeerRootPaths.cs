using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace Tachyon.Engine.Http;

/// <summary>
/// Root paths of single connections: a <c>TestClient(app, root_path="/api")</c> sends its requests with that
/// root path in their scope, and Starlette routes a path under it without it (get_route_path), as under an
/// app's root_path. The TestClient registers its connection's local port here; the app's own root_path,
/// when it has one, wins (FastAPI sets it on every scope). Requests read nothing here while none is set.
/// </summary>
internal sealed class PeerRootPaths
{
    readonly ConcurrentDictionary<int, string> _byPort = new();
    volatile int _count;

    /// <summary>Sets (or, with an empty root, forgets) the root path of the loopback connection from <paramref name="port"/>.</summary>
    public void Set(int port, string rootPath)
    {
        if (rootPath.Length == 0) _byPort.TryRemove(port, out _);
        else _byPort[port] = rootPath;
        _count = _byPort.Count;
    }

    /// <summary>The root path of the request's connection, or "".</summary>
    public string Of(IFeatureCollection features)
    {
        if (_count == 0) return "";
        var connection = features.Get<IHttpConnectionFeature>();
        if (connection?.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip)) return "";
        return _byPort.TryGetValue(connection.RemotePort, out var root) ? root : "";
    }
}
