using Tachyon.Engine.Boundary;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Python on the threads that read requests (Kestrel's socket and pool threads, which Python does not
/// know): each gets one thread state, made the first time it runs a handler and kept for the life of the
/// process. asyncio's running loop is per thread: inline steps of async handlers see the engine's loop
/// running, inline calls of def handlers see none, as on a worker thread of FastAPI's pool (so asyncio.run
/// works there, and so does anyio.from_thread: see tachyon/_boundary/anyio_threads.py). Python sets both
/// (asyncio's costs a getpid() system call) when the kind of work changes, and for the thread's first handler.
/// </summary>
internal static unsafe class RequestThreads
{
    // Beyond this many threads, requests on further threads take the lanes.
    public const int MaxForeignThreads = 16;

    const int DefCalls = 1, AsyncSteps = 2;   // the kinds of _work (0 before the thread's first handler)

    static nint _runs, _loop;   // owned, for the life of the process
    static int _foreignThreads;
    [ThreadStatic] static nint _threadState;
    [ThreadStatic] static bool _refused;
    [ThreadStatic] static int _work;

    /// <summary><paramref name="runs"/>: called with the loop before async steps, with None before def calls.</summary>
    public static void Attach(nint runs, nint loop) => (_runs, _loop) = (runs, loop);

    /// <summary>
    /// Takes the GIL on this thread, with the engine's loop running on it or not. False (GIL not taken) on a
    /// Python thread (a lane: its handlers must keep their own view of the loop) and past the cap.
    /// </summary>
    public static bool TryEnter(bool loopRunning)
    {
        nint threadState = ThreadStateOfThisThread();
        if (threadState == 0) return false;
        CPython.EvalRestoreThread(threadState);
        int work = loopRunning ? AsyncSteps : DefCalls;
        if (_work != work)
        {
            nint done = CPython.CallOneArg(_runs, loopRunning ? _loop : CPython.None);
            if (done != 0) CPython.DecRef(done);
            else CPython.ErrPrintEx(0);
            _work = work;
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
