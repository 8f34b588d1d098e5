using System.Text.Json;

namespace Tachyon.Engine.Server;

/// <summary>Per-server settings from Python (tachyon/_boundary/engine.py), validated here.</summary>
internal sealed record ServerOptions
{
    /// <summary>Requests allowed inside Python (queued or running) before the engine answers 503.</summary>
    public int MaxPending { get; init; } = 4096;
    public int RetryAfterSeconds { get; init; } = 1;
    public bool RedirectSlashes { get; init; } = true;
    public long MaxRequestBodySize { get; init; } = 30_000_000;

    public static ServerOptions Parse(ReadOnlySpan<byte> json)
    {
        var o = json.IsEmpty ? new ServerOptions() : JsonSerializer.Deserialize<ServerOptions>(json, Json) ?? new ServerOptions();
        if (o.MaxPending < 1) throw new ArgumentException("max_pending must be at least 1");
        if (o.RetryAfterSeconds < 0) throw new ArgumentException("retry_after must not be negative");
        if (o.MaxRequestBodySize < 0) throw new ArgumentException("max_request_body_size must not be negative");
        return o;
    }

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
