using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tachyon.Engine.Binding;
using Tachyon.Engine.Http;
using Tachyon.Engine.Routing;

namespace Tachyon.Engine.Server;

/// <summary>
/// One app's server: Kestrel on the sockets transport, hosted directly (no generic host, so nothing
/// registers signal handlers or touches the console: Python owns both), serving its router.
/// </summary>
internal sealed class EngineServer(ServerOptions options)
{
    Router _router = new();
    // Routes changed while serving are built into a new router, which replaces the served one whole (the
    // router is not safe to change under concurrent lookups).
    Router? _next;
    TachyonApplication? _application;
    KestrelServer? _kestrel;
    ServiceProvider? _services;

    /// <summary>The TestClient connections (see TestClientPeers).</summary>
    public TestClientPeers TestClientPeers { get; } = new();

    /// <summary>Before the server starts, adds to its router; while it serves, to the next router (see PublishRoutes).</summary>
    public void AddRoute(ReadOnlySpan<byte> planJson, nint objects)
    {
        var router = _application == null ? _router : (_next ??= new Router());
        var route = PlanReader.Read(planJson, objects, router.Routes.Count);
        if (route.ServesMisses) router.AddMisses(route);
        else router.Add(route);
    }

    /// <summary>
    /// Serves the routes added since the server started (the app's whole table) instead of the current ones.
    /// Requests already routed finish on their old routes, whose Python objects are kept, not released.
    /// </summary>
    public void PublishRoutes()
    {
        if (_application == null || _next == null) throw new InvalidOperationException("no new routes to serve");
        _router = _next;
        _application.Router = _next;
        _next = null;
    }

    /// <summary>
    /// Swaps a route's plan (the app's dependency_overrides changed). Requests already dispatched finish
    /// with the old plan, whose Python objects are therefore kept, not released.
    /// </summary>
    public void ReplaceRoute(int index, ReadOnlySpan<byte> planJson, nint objects)
    {
        var route = _router.Routes[index];
        route.Plan = PlanReader.Read(planJson, objects, index).Plan;
    }

    public int Start(string host, int port)
    {
        if (_kestrel != null) throw new InvalidOperationException("the server is already running");
        var (transport, services) = SocketTransport.Create();
        var kestrelOptions = new KestrelServerOptions
        {
            AddServerHeader = false,
            ApplicationServices = services,
        };
        kestrelOptions.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
        // uvicorn (httptools) puts no limit on the request line or headers; Kestrel's defaults (8 KB, 32 KB,
        // 100 headers) refused requests FastAPI apps serve, such as a query with a thousand ids.
        kestrelOptions.Limits.MaxRequestLineSize = 1 << 20;
        kestrelOptions.Limits.MaxRequestHeadersTotalSize = 1 << 20;
        kestrelOptions.Limits.MaxRequestHeaderCount = 1000;
        // ASGI hands header values over as bytes and Starlette reads them as latin-1: any byte is accepted (Kestrel's
        // default UTF-8 answered 400 to a value that is not UTF-8) and UTF-8 text reads as Starlette shows it.
        kestrelOptions.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
        // Starlette encodes response header values as latin-1 and uvicorn sends any such byte (a file name with an
        // accent in Content-Disposition); Kestrel's default refuses non-ASCII values, which failed the response.
        kestrelOptions.ResponseHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
        kestrelOptions.Listen(new IPEndPoint(ParseHost(host), port));
        var kestrel = new KestrelServer(Options.Create(kestrelOptions), transport, NullLoggerFactory.Instance);
        var application = new TachyonApplication(_router, options, TestClientPeers);
        try { kestrel.StartAsync(application, CancellationToken.None).GetAwaiter().GetResult(); }
        catch
        {
            kestrel.Dispose();
            services.Dispose();
            throw;
        }
        _application = application;
        _kestrel = kestrel;
        _services = services;
        var address = kestrel.Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }

    /// <summary>Stops accepting, lets requests in flight finish (up to the timeout), then closes.</summary>
    public void Stop(TimeSpan timeout)
    {
        var kestrel = _kestrel;
        if (kestrel == null) return;
        using var cts = new CancellationTokenSource(timeout);
        kestrel.StopAsync(cts.Token).GetAwaiter().GetResult();
        kestrel.Dispose();
        _services?.Dispose();
        _kestrel = null;
        _services = null;
    }

    static IPAddress ParseHost(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "" or "0.0.0.0" or "*" => IPAddress.Any,
        "::" => IPAddress.IPv6Any,
        _ => IPAddress.TryParse(host, out var ip) ? ip : throw new ArgumentException($"cannot listen on host '{host}': give an IP address"),
    };
}
