using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tachyon.Engine.Binding;
using Tachyon.Engine.Routing;

namespace Tachyon.Engine.Server;

/// <summary>
/// One app's server: Kestrel on the sockets transport, hosted directly (no generic host, so nothing
/// registers signal handlers or touches the console: Python owns both), serving its router.
/// </summary>
internal sealed class EngineServer(ServerOptions options)
{
    readonly Router _router = new();
    KestrelServer? _kestrel;
    ServiceProvider? _services;

    public void AddRoute(ReadOnlySpan<byte> planJson, nint objects)
    {
        if (_kestrel != null) throw new InvalidOperationException("routes must be added before the server starts");
        var route = PlanReader.Read(planJson, objects, _router.Routes.Count);
        if (route.ServesMisses) _router.Misses = route;
        else _router.Add(route);
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
        kestrelOptions.Listen(new IPEndPoint(ParseHost(host), port));
        var kestrel = new KestrelServer(Options.Create(kestrelOptions), transport, NullLoggerFactory.Instance);
        try { kestrel.StartAsync(new TachyonApplication(_router, options), CancellationToken.None).GetAwaiter().GetResult(); }
        catch
        {
            kestrel.Dispose();
            services.Dispose();
            throw;
        }
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
