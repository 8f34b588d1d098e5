using System.Collections.Concurrent;

namespace Tachyon.Engine.Server;

/// <summary>The servers of this process, by the handle Python holds.</summary>
internal static class ServerRegistry
{
    static readonly ConcurrentDictionary<long, EngineServer> Servers = new();
    static long _next;

    public static long Create(ServerOptions options)
    {
        long id = Interlocked.Increment(ref _next);
        Servers[id] = new EngineServer(options);
        return id;
    }

    public static EngineServer Get(long id) =>
        Servers.TryGetValue(id, out var s) ? s : throw new ArgumentException($"no server with handle {id}");

    public static void Stop(long id, int timeoutMs)
    {
        if (Servers.TryRemove(id, out var s)) s.Stop(TimeSpan.FromMilliseconds(timeoutMs));
    }
}
