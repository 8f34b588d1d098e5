namespace Tachyon.Engine.Boundary;

/// <summary>
/// Python functions the engine calls back into (see tachyon/_boundary/runtime.py), handed over once at
/// start-up as a tuple and kept for the life of the process (owned references).
/// </summary>
internal static unsafe class PythonHelpers
{
    public static nint Watch;         // watch(task, ticket, context): complete the request when the task finishes
    public static nint Encode;        // encode(value): jsonable_encoder for what the engine cannot write itself
    public static nint ResponseType;  // tachyon.responses.Response
    public static nint RunBackground; // run_background((callable, context), port): schedule a response's background work on the loop
    public static nint RunOnCaller;   // run_on_caller(coroutine, ticket, port): the request's coroutine, awaited by its ASGI call
    public static nint BaseContext;   // contextvars.Context every request's context is copied from
    public static nint Materialize;   // materialize(response): a response with its own ASGI __call__ -> a plain one
    public static nint JsonBody;      // json_body(value) -> bytes: json.dumps as JSONResponse, for what the writer leaves out
    public static nint ClientContext; // request_context(port): a TestClient request's contextvars.Context, or None

    public static void Install(nint helpers)
    {
        var items = CPython.TupleItems(helpers, "watch", "encode", "Response", "run_background", "context", "materialize", "json_body",
            "run_on_caller", "request_context");
        (Watch, Encode, ResponseType, RunBackground, BaseContext, Materialize, JsonBody, RunOnCaller, ClientContext) =
            (items[0], items[1], items[2], items[3], items[4], items[5], items[6], items[7], items[8]);
    }
}
