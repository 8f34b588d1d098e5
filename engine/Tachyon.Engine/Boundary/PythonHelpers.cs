namespace Tachyon.Engine.Boundary;

/// <summary>
/// Python functions the engine calls back into (see tachyon/_boundary/runtime.py), handed over once at
/// start-up as a tuple and kept for the life of the process (owned references).
/// </summary>
internal static unsafe class PythonHelpers
{
    public static nint Suspend;       // suspend(coroutine, yielded, ticket): continue a coroutine as an asyncio task
    public static nint Encode;        // encode(value): jsonable_encoder for what the engine cannot write itself
    public static nint ResponseType;  // tachyon.responses.Response
    public static nint RunBackground; // run_background((callable, context)): schedule a response's background work on the loop
    public static nint BaseContext;   // contextvars.Context every request's context is copied from

    public static void Install(nint helpers)
    {
        if (CPython.TupleSize(helpers) != 5) throw new ArgumentException("expected (suspend, encode, Response, run_background, context)");
        Suspend = CPython.NewRef(CPython.TupleGetItem(helpers, 0));
        Encode = CPython.NewRef(CPython.TupleGetItem(helpers, 1));
        ResponseType = CPython.NewRef(CPython.TupleGetItem(helpers, 2));
        RunBackground = CPython.NewRef(CPython.TupleGetItem(helpers, 3));
        BaseContext = CPython.NewRef(CPython.TupleGetItem(helpers, 4));
    }
}
