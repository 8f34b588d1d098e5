using Tachyon.Engine.Lanes;

namespace Tachyon.Engine.Binding;

/// <summary>
/// Everything the engine needs to serve one route, compiled from the handler's signature once at
/// registration (the analog of ASP.NET's RequestDelegateFactory). Python object fields are owned references.
/// </summary>
internal sealed class DispatchPlan
{
    public required nint Handler { get; init; }
    public required bool IsAsync { get; init; }
    public required int StatusCode { get; init; }
    public required ParameterPlan[] Parameters { get; init; }   // in the order the handler takes them
    public required nint Binder { get; init; }                   // callable(raw request tuple) -> args tuple; raises RequestValidationError
    public required nint ErrorHandler { get; init; }             // callable(exception) -> Response
    public nint Render { get; init; }                            // callable(value) -> Response | JSON-compatible value | bytes of JSON; 0 = engine renders
    public nint BodyValidator { get; init; }                     // callable(bytes) -> model; 0 = no body parameter
    public bool AlwaysPythonBinding { get; init; }               // the signature needs what only Python binding provides
    /// <summary>Its app's redirect_slashes: whether a miss whose toggled-slash path lands here gets a 307 (Starlette
    /// asks the router that missed, and a mounted app's router is its own).</summary>
    public bool RedirectSlashes { get; init; } = true;
    public bool StrictContentType { get; init; }                 // no Content-Type: the body is not JSON (FastAPI 0.132+)
    public nint UuidType { get; init; }                          // uuid.UUID when a parameter needs it (owned)
    public nint DeepCopy { get; init; }                          // copy.deepcopy when a default needs it (owned)

    // How this route's coroutines fared when stepped inline (Lanes/InlineSteps): a score of suspensions
    // and a count of requests sent to the loop since. Updated without locks by several threads: a lost
    // update only delays the verdict by a request.
    public int InlineSuspendScore;
    public int InlineSkipped;

    // For a def route: whether its calls wait, which decides whether they may run inline (Lanes/InlineCalls).
    public readonly SyncCallHistory SyncCalls = new();

    public bool HasBody => BodyValidator != 0;
    public bool NeedsRequest => Array.Exists(Parameters, p => p.Source == ParameterSource.Request);
}
