using System.Text.Json;
using Tachyon.Engine.Http;

namespace Tachyon.Engine.Server;

/// <summary>Per-server settings from Python (tachyon/_boundary/engine.py), validated here.</summary>
internal sealed record ServerOptions
{
    /// <summary>Requests allowed inside Python (queued or running) before the engine answers 503.</summary>
    public int MaxPending { get; init; } = 4096;
    public int RetryAfterSeconds { get; init; } = 1;
    /// <summary>None by default, as uvicorn has none (FastAPI apps take large uploads); a body over a set limit gets 413.</summary>
    public long? MaxRequestBodySize { get; init; }
    /// <summary>The app's root_path: a path under it is routed without it, as Starlette's get_route_path does
    /// (a proxy that forwards /api/v1/items to an app with root_path="/api/v1"). Empty: none.</summary>
    public string RootPath { get; init; } = "";
    /// <summary>Peers whose X-Forwarded-Proto/-For are believed (uvicorn's forwarded_allow_ips; "*": any; empty: none).</summary>
    public string[] ForwardedAllowIps { get; init; } = ["127.0.0.1"];

    ForwardedHeaders? _forwarded;
    public ForwardedHeaders Forwarded => _forwarded ??= new ForwardedHeaders(ForwardedAllowIps);

    public static ServerOptions Parse(ReadOnlySpan<byte> json)
    {
        var o = json.IsEmpty ? new ServerOptions() : JsonSerializer.Deserialize<ServerOptions>(json, Json) ?? new ServerOptions();
        if (o.MaxPending < 1) throw new ArgumentException("max_pending must be at least 1");
        if (o.RetryAfterSeconds < 0) throw new ArgumentException("retry_after must not be negative");
        if (o.MaxRequestBodySize < 0) throw new ArgumentException("max_request_body_size must not be negative");
        return o;
    }

    /// <summary>The path the router matches: <paramref name="path"/> without <paramref name="root"/>, if it is under it.</summary>
    public static string RoutePath(string path, string root)
    {
        if (root.Length == 0 || !path.StartsWith(root, StringComparison.Ordinal)) return path;
        if (path.Length == root.Length) return "";
        return path[root.Length] == '/' ? path[root.Length..] : path;
    }

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
