using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Tachyon.Engine.Lanes;
using Tachyon.Engine.Server;

namespace Tachyon.Engine.Boundary;

/// <summary>
/// The engine's entry points for Python. hostfxr hands out one pointer (<see cref="GetExports"/>), which
/// fills a table with the others, in the order that tachyon/_boundary/native.py declares.
/// An exception escaping an [UnmanagedCallersOnly] method kills the process, so every export catches,
/// returns -1 and leaves the message for <see cref="LastError"/>.
/// Exports marked "GIL held" are called through ctypes.PYFUNCTYPE; the others through CFUNCTYPE, which
/// releases the GIL (required for anything that may wait on requests in flight).
/// </summary>
public static unsafe class Exports
{
    [UnmanagedCallersOnly]
    public static int GetExports(nint* table, int capacity)
    {
        nint[] entries =
        [
            (nint)(delegate* unmanaged<nint, int>)&Initialize,
            (nint)(delegate* unmanaged<byte*, int, int>)&LastError,
            (nint)(delegate* unmanaged<byte*, int, long>)&ServerCreate,
            (nint)(delegate* unmanaged<long, byte*, int, nint, int>)&ServerAddRoute,
            (nint)(delegate* unmanaged<long, byte*, int, int*, int>)&ServerStart,
            (nint)(delegate* unmanaged<long, int, int>)&ServerStop,
            (nint)(delegate* unmanaged<int, nint, int>)&LoopLaneAttach,
            (nint)(delegate* unmanaged<int>)&LoopLaneDrain,
            (nint)(delegate* unmanaged<int>)&SyncLaneRun,
            (nint)(delegate* unmanaged<nint, nint, nint, nint, int>)&Complete,
            (nint)(delegate* unmanaged<int>)&LanesShutdown,
            (nint)(delegate* unmanaged<byte*, int, int>)&Stats,
            (nint)(delegate* unmanaged<long, int, byte*, int, nint, int>)&ServerReplaceRoute,
            (nint)(delegate* unmanaged<nint, int>)&InlineStepsAttach,
            (nint)(delegate* unmanaged<nint, int>)&EagerTasksAttach,
            (nint)(delegate* unmanaged<int>)&LoopGateOpen,
            (nint)(delegate* unmanaged<int>)&LoopGateClose,
            (nint)(delegate* unmanaged<long, int>)&ServerPublishRoutes,
            (nint)(delegate* unmanaged<long>)&BackgroundQueued,
            (nint)(delegate* unmanaged<nint, nuint, int>)&SyncLanesCall,
            (nint)(delegate* unmanaged<long, int, byte*, byte*, int, int>)&ServerSetTestClientPeer,
        ];
        if (capacity < entries.Length) return -1;
        for (int i = 0; i < entries.Length; i++) table[i] = entries[i];
        return entries.Length;
    }

    /// <summary>GIL held. Resolves the C-API and keeps the Python runtime helpers (a tuple, see PythonHelpers).</summary>
    [UnmanagedCallersOnly]
    public static int Initialize(nint helpers) => Guard(() =>
    {
        CPython.Initialize();
        PythonHelpers.Install(helpers);
    });

    [UnmanagedCallersOnly]
    public static int LastError(byte* buffer, int capacity)
    {
        var bytes = Encoding.UTF8.GetBytes(_lastError ?? "");
        int n = Math.Min(bytes.Length, capacity - 1);
        bytes.AsSpan(0, n).CopyTo(new Span<byte>(buffer, capacity));
        buffer[n] = 0;
        return bytes.Length;
    }

    [UnmanagedCallersOnly]
    public static long ServerCreate(byte* optionsJson, int length)
    {
        try
        {
            var options = ServerOptions.Parse(new ReadOnlySpan<byte>(optionsJson, length));
            return ServerRegistry.Create(options);
        }
        catch (Exception e) { Remember(e); return -1; }
    }

    /// <summary>GIL held: the route's Python objects are IncRef'd here.</summary>
    [UnmanagedCallersOnly]
    public static int ServerAddRoute(long server, byte* planJson, int length, nint objects) => Guard(() =>
        ServerRegistry.Get(server).AddRoute(new ReadOnlySpan<byte>(planJson, length), objects));

    /// <summary>GIL held: the new plan's Python objects are IncRef'd here.</summary>
    [UnmanagedCallersOnly]
    public static int ServerReplaceRoute(long server, int index, byte* planJson, int length, nint objects) => Guard(() =>
        ServerRegistry.Get(server).ReplaceRoute(index, new ReadOnlySpan<byte>(planJson, length), objects));

    /// <summary>Responses sent (or being sent) with work after them; see EngineStats.BackgroundQueued.</summary>
    [UnmanagedCallersOnly]
    public static long BackgroundQueued() => Interlocked.Read(ref EngineStats.BackgroundQueued);

    /// <summary>Registers a TestClient's connection from <paramref name="port"/>: the scheme and root path of its
    /// requests (a null scheme forgets it).</summary>
    [UnmanagedCallersOnly]
    public static int ServerSetTestClientPeer(long server, int port, byte* scheme, byte* rootPath, int onCallerLoop) => Guard(() =>
        ServerRegistry.Get(server).TestClientPeers.Set(port, Marshal.PtrToStringUTF8((nint)scheme),
            Marshal.PtrToStringUTF8((nint)rootPath) ?? "", onCallerLoop != 0));

    [UnmanagedCallersOnly]
    public static int ServerPublishRoutes(long server) => Guard(() => ServerRegistry.Get(server).PublishRoutes());

    [UnmanagedCallersOnly]
    public static int ServerStart(long server, byte* host, int port, int* boundPort)
    {
        try
        {
            *boundPort = ServerRegistry.Get(server).Start(Marshal.PtrToStringUTF8((nint)host)!, port);
            return 0;
        }
        catch (Exception e) { Remember(e); return -1; }
    }

    /// <summary>GIL released: waits for requests in flight, which need the lanes.</summary>
    [UnmanagedCallersOnly]
    public static int ServerStop(long server, int timeoutMs) => Guard(() => ServerRegistry.Stop(server, timeoutMs));

    /// <summary>GIL held, on the asyncio loop thread: the eventfd that wakes it, and the loop.</summary>
    [UnmanagedCallersOnly]
    public static int LoopLaneAttach(int eventFd, nint loop) => Guard(() => LaneSet.Loop.Attach(eventFd, loop));

    /// <summary>GIL held, on the asyncio loop thread: the loop's reader callback for the wake-up eventfd.</summary>
    [UnmanagedCallersOnly]
    public static int LoopLaneDrain() => Guard(() => LaneSet.Loop.Drain());

    /// <summary>
    /// GIL held: a Python thread becomes a sync lane and stays in the engine until shutdown, releasing
    /// the GIL whenever it waits (no Python frame or ctypes call per batch).
    /// </summary>
    [UnmanagedCallersOnly]
    public static int SyncLaneRun() => Guard(() => LaneSet.Sync.Run());

    /// <summary>GIL held: queues a call of a Python callable (no arguments) on the sync lanes, on the lane of the given
    /// thread if it is idle (see SyncLanes.EnqueueCall).</summary>
    [UnmanagedCallersOnly]
    public static int SyncLanesCall(nint callable, nuint threadIdent) => Guard(() => LaneSet.Sync.EnqueueCall(callable, threadIdent));

    /// <summary>GIL held: lets request threads step async handlers while the loop waits (see InlineSteps).</summary>
    [UnmanagedCallersOnly]
    public static int InlineStepsAttach(nint objects) => Guard(() => InlineSteps.Attach(objects));

    /// <summary>GIL held, on the asyncio loop thread: what starting handlers' tasks needs (see EagerTasks).</summary>
    [UnmanagedCallersOnly]
    public static int EagerTasksAttach(nint objects) => Guard(() => EagerTasks.Attach(objects));

    /// <summary>GIL released, on the asyncio loop thread: it is about to wait in epoll (see LoopGate).</summary>
    [UnmanagedCallersOnly]
    public static int LoopGateOpen() => Guard(LoopGate.OpenForWait);

    /// <summary>GIL released, on the asyncio loop thread: back from epoll; may wait out an inline step.</summary>
    [UnmanagedCallersOnly]
    public static int LoopGateClose() => Guard(LoopGate.CloseAfterWait);

    /// <summary>GIL held: a suspended coroutine finished on the asyncio loop.</summary>
    [UnmanagedCallersOnly]
    public static int Complete(nint ticket, nint result, nint error, nint context) => Guard(() => Dispatcher.Resume(ticket, result, error, context));

    [UnmanagedCallersOnly]
    public static int LanesShutdown() => Guard(() => LaneSet.Shutdown());

    [UnmanagedCallersOnly]
    public static int Stats(byte* buffer, int capacity)
    {
        var bytes = EngineStats.ToJson();
        if (bytes.Length + 1 > capacity) return -bytes.Length - 1;
        bytes.CopyTo(new Span<byte>(buffer, capacity));
        buffer[bytes.Length] = 0;
        return bytes.Length;
    }

    [ThreadStatic] static string? _lastError;

    static void Remember(Exception e) => _lastError = $"{e.GetType().Name}: {e.Message}";

    static int Guard(Action action, [CallerMemberName] string name = "")
    {
        try { action(); return 0; }
        catch (Exception e) { Remember(e); return -1; }
    }
}
