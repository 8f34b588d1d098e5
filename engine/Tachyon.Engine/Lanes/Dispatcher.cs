using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http.Features;
using Tachyon.Engine.Binding;
using Tachyon.Engine.Boundary;
using Tachyon.Engine.Serialization;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Runs one request on a lane, with the GIL held: builds the arguments, calls the handler, runs a
/// coroutine's first step at once in its own asyncio task (only one that really suspends goes on on the
/// loop; see EagerTasks), or hands it to the event loop of the ASGI call it came from, renders the result.
/// Reference ownership: every nint named "owned" here is a new reference that this code must DecRef.
/// </summary>
internal static unsafe class Dispatcher
{
    internal static readonly nuint ArgumentsOffset = (nuint)1 << (8 * sizeof(nuint) - 1);   // PY_VECTORCALL_ARGUMENTS_OFFSET

    [ThreadStatic] static JsonBuffer? _buffer;
    [ThreadStatic] static nint _requestContext;   // borrowed: see RequestContext

    /// <summary>
    /// The contextvars.Context the running request's handler and dependencies run in (0: unknown, take a copy):
    /// a response's background work runs in this very object, so that a dependency's code after ``yield`` sees
    /// what its code before set and can reset its tokens (a Token belongs to one Context), as in FastAPI,
    /// where both run in the request's task.
    /// </summary>
    public static nint RequestContext => _requestContext;

    /// <summary>Runs a queued request; a lane's batch collects its response.</summary>
    public static void Run(WorkItem item)
    {
        var response = RunHere(item);
        if (response != null) CompletionBatch.Current.Add(item, response);
    }

    /// <summary>Runs the request and returns its response (null: the coroutine suspended and finishes on the loop).</summary>
    public static ResponseData? RunHere(WorkItem item)
    {
        Interlocked.Increment(ref EngineStats.Requests);
        // Each request runs in its own copy of the app's contextvars, as in its own ASGI task: what a handler
        // sets stays with its request (the task a suspending coroutine becomes copies it), never leaks into
        // the next request on this thread.
        nint context = NewRequestContext(item);
        if (context == 0 || CPython.ContextEnter(context) != 0)
        {
            CPython.ErrPrintEx(0);
            if (context != 0) CPython.DecRef(context);
            return ResponseData.InternalServerError();
        }
        nint outer = _requestContext;
        _requestContext = context;
        try { return Execute(item, context); }
        catch (Exception e)
        {
            Console.Error.WriteLine($"tachyon: engine error: {e}");
            return ResponseData.InternalServerError();
        }
        finally
        {
            _requestContext = outer;
            if (CPython.ContextExit(context) != 0) CPython.ErrPrintEx(0);
            CPython.DecRef(context);
        }
    }

    /// <summary>The request's contextvars.Context (owned; 0 with a Python error set): a copy of the one the engine
    /// started in, or for a TestClient's request, of the test's when it sent it (as Starlette's TestClient runs the
    /// app in a copy of the caller's context).</summary>
    static nint NewRequestContext(WorkItem item)
    {
        if (item.TestClientPeers.Of(item.Features) is { OnCallerLoop: false })
        {
            nint port = CPython.LongFromLongLong(item.Features.Get<IHttpConnectionFeature>()!.RemotePort);
            if (port == 0) return 0;
            nint sentIn = CPython.CallOneArg(PythonHelpers.ClientContext, port);
            CPython.DecRef(port);
            if (sentIn != CPython.None) return sentIn;   // a Context, or 0 with the error set
            CPython.DecRef(sentIn);
        }
        return CPython.ContextCopy(PythonHelpers.BaseContext);
    }

    /// <summary>A suspended coroutine finished on the loop: <paramref name="error"/> is None or the exception;
    /// <paramref name="context"/> the task's contextvars.Context (None: unknown).</summary>
    public static void Resume(nint ticket, nint result, nint error, nint context)
    {
        var handle = GCHandle.FromIntPtr(ticket);
        var item = (WorkItem)handle.Target!;
        handle.Free();
        ResponseData? response;
        nint outer = _requestContext;
        _requestContext = context != CPython.None ? context : 0;
        try
        {
            response = error != CPython.None
                ? ErrorResponse(item, CPython.NewRef(error))
                : Finish(item, CPython.NewRef(result));
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"tachyon: engine error: {e}");
            response = ResponseData.InternalServerError();
        }
        finally { _requestContext = outer; }
        if (response == null) return;   // an exception handler that awaits went to the loop
        CompletionBatch.Current.Add(item, response);
        CompletionBatch.Current.Flush();
    }

    /// <summary>Hands a (background callable, request context) pair (owned) to the loop, which runs it as a task (on the
    /// loop of the ASGI call from <paramref name="callerLoopPort"/> if not 0).</summary>
    public static void StartBackground(nint work, int callerLoopPort)
    {
        nint port = CPython.LongFromLongLong(callerLoopPort);
        nint* args = stackalloc nint[3];
        args[1] = work; args[2] = port;
        nint done = CPython.Vectorcall(PythonHelpers.RunBackground, args + 1, 2 | ArgumentsOffset, 0);
        CPython.DecRef(work);
        CPython.DecRef(port);
        if (done != 0) CPython.DecRef(done);
        else CPython.ErrPrintEx(0);
    }

    static ResponseData? Execute(WorkItem item, nint context)
    {
        var plan = item.Plan;
        nint result = item.Args != null && !plan.AlwaysPythonBinding ? CallBound(item, item.Args) : 0;
        if (result == 0 && (item.Args == null || plan.AlwaysPythonBinding || CPython.ErrOccurred() == 0))
            result = CallThroughPythonBinder(item);
        if (result == 0) return Failure(item);
        if (!plan.IsAsync) return Finish(item, result);

        // The task's steps run in the request's context (its first one right here, where it is entered):
        // what the handler sets is seen when the response is read, and by its background tasks.
        var response = StartTask(item, result, context);
        CPython.DecRef(result);
        return response;
    }

    /// <summary>Runs <paramref name="coroutine"/> (borrowed) as the request's task: its first step right here on the
    /// engine's loop, or, for an ASGI call, all of it in the caller's task (null: pending, <see cref="Resume"/> finishes
    /// the request). <paramref name="context"/>: the request's (0: a copy of the current one).</summary>
    static ResponseData? StartTask(WorkItem item, nint coroutine, nint context)
    {
        if (item.CallerLoopPort != 0) return RunOnCaller(item, coroutine);
        return Settle(item, EagerTasks.Start(coroutine, context), context);
    }

    /// <summary>Hands the coroutine to the ASGI call, which awaits it in its own task and completes the request: an
    /// ASGI app's code runs in the task that awaits it (objects bound to its loop work in the handler, its
    /// cancellation reaches the handler, its contextvars are the handler's).</summary>
    static ResponseData? RunOnCaller(WorkItem item, nint coroutine)
    {
        var handle = GCHandle.Alloc(item);
        nint ticket = CPython.LongFromLongLong(GCHandle.ToIntPtr(handle));
        nint port = CPython.LongFromLongLong(item.CallerLoopPort);
        nint* args = stackalloc nint[4];
        args[1] = coroutine; args[2] = ticket; args[3] = port;
        nint done = CPython.Vectorcall(PythonHelpers.RunOnCaller, args + 1, 3 | ArgumentsOffset, 0);
        CPython.DecRef(ticket);
        CPython.DecRef(port);
        if (done != 0) { CPython.DecRef(done); return null; }   // the call awaits it now; Resume finishes the request
        handle.Free();
        // The call is over or its loop closed: no exception handler can run there either.
        CPython.ErrPrintEx(0);
        return ResponseData.InternalServerError();
    }

    /// <summary>The response of a started task (owned; 0 if starting it failed); null when it is pending:
    /// <see cref="Resume"/> finishes the request, reading the response in <paramref name="context"/> (the
    /// task's, where the handler's later steps set their values; 0: a copy of the current one).</summary>
    static ResponseData? Settle(WorkItem item, nint task, nint context)
    {
        if (task == 0) return Failure(item);
        int done = EagerTasks.IsDone(task);
        if (done == 0) return Watch(item, task, context);
        if (done < 0)
        {
            CPython.DecRef(task);
            return Failure(item);
        }
        nint result = EagerTasks.Outcome(task, out nint error);
        CPython.DecRef(task);
        if (result != 0) return Finish(item, result);
        return error != 0 ? ErrorResponse(item, error) : Failure(item);
    }

    /// <summary>
    /// Calls the handler with the arguments bound in C#. Returns 0 with no Python error set when an argument
    /// needs pydantic after all (a per-parameter check or the body failed): the caller then binds in Python,
    /// which reports every error of the request as FastAPI does.
    /// </summary>
    static nint CallBound(WorkItem item, ArgValue[] values)
    {
        var plan = item.Plan;
        int n = values.Length;
        nint* slots = stackalloc nint[n + 1];
        nint* args = slots + 1;   // slot 0 is scratch space the callee may use (ARGUMENTS_OFFSET)
        int built = 0;
        for (; built < n; built++)
        {
            var p = plan.Parameters[built];
            nint o = p.Source switch
            {
                ParameterSource.Body => ValidateBody(plan, item),
                ParameterSource.Request => RawRequest.Build(item),
                _ => ToPython(plan, p, values[built]),
            };
            if (o == 0) break;
            args[built] = o;
        }
        nint result = 0;
        if (built == n)
            result = CPython.Vectorcall(plan.Handler, args, (nuint)n | ArgumentsOffset, 0);
        else
        {
            CPython.ErrClear();
            Interlocked.Increment(ref EngineStats.PythonBindings);
        }
        for (int i = 0; i < built; i++) CPython.DecRef(args[i]);
        return result;
    }

    static nint ValidateBody(DispatchPlan plan, WorkItem item)
    {
        if (item.Body == null || item.Body.Length == 0 || !IsJson(item.ContentType, plan.StrictContentType)) return 0;
        nint bytes = CPython.NewBytes(item.Body);
        nint model = CPython.CallOneArg(plan.BodyValidator, bytes);
        CPython.DecRef(bytes);
        return model;
    }

    // FastAPI reads the body as JSON when its content type is a JSON one (application/json, application/*+json),
    // or, with strict_content_type=False, when there is none.
    static bool IsJson(string? contentType, bool strictContentType)
    {
        if (string.IsNullOrEmpty(contentType)) return !strictContentType;
        var media = contentType.AsSpan();
        int semi = media.IndexOf(';');
        if (semi >= 0) media = media[..semi];
        media = media.Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
               (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    static nint ToPython(DispatchPlan plan, ParameterPlan p, in ArgValue v)
    {
        switch (v.Kind)
        {
            case ArgKind.Long: return CPython.LongFromLongLong(v.Long);
            case ArgKind.Double: return CPython.FloatFromDouble(v.Double);
            case ArgKind.Bool: return CPython.NewRef(v.Long != 0 ? CPython.True : CPython.False);
            case ArgKind.Str: return CPython.NewStr((string)v.Ref!);
            case ArgKind.Object: return CPython.NewRef(v.Object);
            case ArgKind.CopyOf: return CPython.CallOneArg(plan.DeepCopy, v.Object);
            case ArgKind.Uuid:
            {
                nint text = CPython.NewStr((string)v.Ref!);
                nint uuid = CPython.CallOneArg(plan.UuidType, text);
                CPython.DecRef(text);
                return uuid;
            }
            case ArgKind.List:
            {
                var items = (ArgValue[])v.Ref!;
                nint list = CPython.ListNew(items.Length);
                for (int i = 0; i < items.Length; i++)
                {
                    nint o = ToPython(plan, p, items[i]);
                    if (o == 0) { CPython.DecRef(list); return 0; }
                    CPython.ListSetItem(list, i, o);   // steals o
                }
                return list;
            }
            case ArgKind.Unchecked:
            {
                nint raw = v.Ref is string s ? CPython.NewStr(s) : StrList((string[])v.Ref!);
                nint value = CPython.CallOneArg(p.PythonCheck, raw);
                CPython.DecRef(raw);
                return value;
            }
            default: return 0;
        }
    }

    static nint CallThroughPythonBinder(WorkItem item)
    {
        var plan = item.Plan;
        nint raw = RawRequest.Build(item);
        nint args = CPython.CallOneArg(plan.Binder, raw);
        CPython.DecRef(raw);
        if (args == 0) return 0;
        // Not arguments but a coroutine: the request is invalid and, as in FastAPI, the dependencies
        // whose own values are valid still run before the 422 (this coroutine runs them, then raises).
        if (CPython.TypeOf(args) != CPython.TupleType) return args;
        nint result = CPython.Call(plan.Handler, args, 0);
        CPython.DecRef(args);
        return result;
    }

    /// <summary>Has the loop complete the request when its pending task (owned) finishes.</summary>
    static ResponseData? Watch(WorkItem item, nint task, nint context)
    {
        Interlocked.Increment(ref EngineStats.Suspended);
        var handle = GCHandle.Alloc(item);
        nint ticket = CPython.LongFromLongLong(GCHandle.ToIntPtr(handle));
        nint* args = stackalloc nint[4];
        args[1] = task; args[2] = ticket; args[3] = context != 0 ? context : CPython.None;
        nint done = CPython.Vectorcall(PythonHelpers.Watch, args + 1, 3 | ArgumentsOffset, 0);
        CPython.DecRef(task);
        CPython.DecRef(ticket);
        if (done != 0) { CPython.DecRef(done); return null; }   // the loop owns it now; Resume finishes it
        handle.Free();
        return Failure(item);
    }

    /// <summary>Turns a handler's return value (owned) into the response (null: its error handler went to the loop).</summary>
    static ResponseData? Finish(WorkItem item, nint result)
    {
        var plan = item.Plan;
        if (plan.Render != 0)
        {
            nint rendered = CPython.CallOneArg(plan.Render, result);
            CPython.DecRef(result);
            if (rendered == 0) return Failure(item);
            if (CPython.TypeOf(rendered) == CPython.BytesType)   // pydantic's JSON of a response model: the body
                return JsonBody(item, rendered);
            result = rendered;
        }
        var buffer = _buffer ??= new JsonBuffer(4096);
        buffer.Reset();
        var outcome = PyJsonWriter.Write(result, buffer);
        if (outcome == WriteOutcome.Unsupported)
        {
            if (CPython.IsInstance(result, PythonHelpers.ResponseType) == 1)
            {
                var data = ResponseReader.Read(result);
                CPython.DecRef(result);
                return data ?? Failure(item);
            }
            buffer.Reset();
            nint encoded = CPython.CallOneArg(PythonHelpers.Encode, result);
            if (encoded == 0) { CPython.DecRef(result); return Failure(item); }
            outcome = PyJsonWriter.Write(encoded, buffer);
            if (outcome == WriteOutcome.Unsupported)   // what the writer leaves out: json.dumps, as FastAPI renders it
            {
                nint body = CPython.CallOneArg(PythonHelpers.JsonBody, encoded);
                CPython.DecRef(encoded);
                CPython.DecRef(result);
                return body != 0 ? JsonBody(item, body) : Failure(item);
            }
            CPython.DecRef(encoded);
        }
        CPython.DecRef(result);
        if (outcome != WriteOutcome.Ok) return Failure(item);
        if (buffer.Length > 64 * 1024) _buffer = null;   // do not keep a huge buffer per lane
        return ResponseData.FromJson(plan.StatusCode, buffer.Written.ToArray());
    }

    /// <summary>A JSON response whose body is the Python bytes object <paramref name="bytes"/> (consumed).</summary>
    static ResponseData? JsonBody(WorkItem item, nint bytes)
    {
        var json = ResponseReader.CopyBytes(bytes);
        CPython.DecRef(bytes);
        return json != null ? ResponseData.FromJson(item.Plan.StatusCode, json) : Failure(item);
    }

    /// <summary>The pending Python exception becomes the response the app's exception handlers choose
    /// (null: the handler awaits, and finishes on the loop).</summary>
    static ResponseData? Failure(WorkItem item)
    {
        Interlocked.Increment(ref EngineStats.Errors);
        nint exception = CPython.FetchException();
        if (exception == 0) return ResponseData.InternalServerError();
        return ErrorResponse(item, exception);
    }

    /// <summary>
    /// error_handler(exception, raw request) -> Response, or on the loop lane a coroutine when the app's
    /// handler awaits I/O: that one is started as a task like a handler's (null is returned if it is pending).
    /// Consumes <paramref name="exception"/>.
    /// </summary>
    static ResponseData? ErrorResponse(WorkItem item, nint exception)
    {
        nint* args = stackalloc nint[3];
        args[1] = exception;
        args[2] = RawRequest.Build(item);
        nint response = CPython.Vectorcall(item.Plan.ErrorHandler, args + 1, 2 | ArgumentsOffset, 0);
        CPython.DecRef(args[2]);
        CPython.DecRef(exception);
        if (response != 0 && CPython.IsInstance(response, PythonHelpers.ResponseType) != 1)
        {
            var handled = StartTask(item, response, 0);   // its task copies the current context
            CPython.DecRef(response);
            return handled;
        }
        var data = response != 0 ? ResponseReader.Read(response) : null;
        if (response != 0) CPython.DecRef(response);
        if (data != null) return data;
        CPython.ErrPrintEx(0);   // the error handler itself failed: show why, answer 500
        return ResponseData.InternalServerError();
    }

    static nint StrList(string[] values)
    {
        nint list = CPython.ListNew(values.Length);
        for (int i = 0; i < values.Length; i++) CPython.ListSetItem(list, i, CPython.NewStr(values[i]));
        return list;
    }
}
