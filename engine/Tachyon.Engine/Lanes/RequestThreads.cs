using Tachyon.Engine.Boundary;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Python on the threads that read requests (Kestrel's socket and pool threads, which Python does not
/// know): each gets one thread state, made the first time it runs a handler and kept for the life of the
/// process. asyncio's running loop is per thread: inline steps of async handlers see the engine's loop
/// running, inline calls of def handlers see none, as on a worker thread of FastAPI's pool (so asyncio.run
/// works there). Setting it costs a getpid() system call, so it changes only when the kind of work does.
/// </summary>
internal static unsafe class RequestThreads
{
    // Beyond this many threads, requests on further threads take the lanes.
    public const int MaxForeignThreads = 16;

    static nint _setRunningLoop, _loop;   // owned, for the life of the process
    static int _foreignThreads;
    [ThreadStatic] static nint _threadState;
    [ThreadStatic] static bool _refused, _loopRunning;

    public static void Attach(nint setRunningLoop, nint loop) => (_setRunningLoop, _loop) = (setRunningLoop, loop);

    /// <summary>
    /// Takes the GIL on this thread, with the engine's loop running on it or not. False (GIL not taken) on a
    /// Python thread (a lane: its handlers must keep their own view of the loop) and past the cap.
    /// </summary>
    public static bool TryEnter(bool loopRunning)
    {
        nint threadState = ThreadStateOfThisThread();
        if (threadState == 0) return false;
        CPython.EvalRestoreThread(threadState);
        if (_loopRunning != loopRunning)
        {
            nint done = CPython.CallOneArg(_setRunningLoop, loopRunning ? _loop : CPython.None);
            if (done != 0) CPython.DecRef(done);
            else CPython.ErrPrintEx(0);
            _loopRunning = loopRunning;
        }
        return true;
    }

    /// <summary>Releases the GIL <see cref="TryEnter"/> took.</summary>
    public static void Leave() => CPython.EvalSaveThread();

    static nint ThreadStateOfThisThread()
    {
        if (_threadState != 0 || _refused) return _threadState;
        if (CPython.GilStateGetThisThreadState() != 0 || Interlocked.Increment(ref _foreignThreads) > MaxForeignThreads)
        {
            _refused = true;
            return 0;
        }
        return _threadState = CPython.ThreadStateNew(CPython.InterpreterStateMain());
    }
}
