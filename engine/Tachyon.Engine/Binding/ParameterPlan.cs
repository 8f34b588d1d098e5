namespace Tachyon.Engine.Binding;

internal enum ParameterSource
{
    Path, Query, Header, Cookie, Body,
    Request,   // the raw request tuple, for parameters only Python can build (Request, Response, BackgroundTasks…)
    Model,     // a query/header/cookie parameter model: the whole source validated by pydantic (Python binding)
}

/// <summary>How the engine turns the raw text of a parameter into a Python value.</summary>
internal enum ScalarKind
{
    Str, Int, Float, Bool, Uuid,
    Enum,    // exact member-value strings, mapped to member objects at registration
    Python,  // the engine cannot decide this type: a per-parameter pydantic check runs on the lane
}

/// <summary>
/// One handler argument, decided once at registration. Anything the C# fast path accepts gives the value
/// pydantic would give; anything it cannot decide (or rejects) falls back to pydantic on the lane, so
/// values and errors always come from pydantic's rules.
/// </summary>
internal sealed class ParameterPlan
{
    public required string Name { get; init; }
    public required ParameterSource Source { get; init; }
    public required string Key { get; init; }           // the query key, path parameter, header (lower case) or cookie name
    public ScalarKind Kind { get; init; }
    public bool IsList { get; init; }
    public bool Required { get; init; }
    public nint Default { get; init; }                  // owned reference; 0 when required
    public bool DefaultNeedsCopy { get; init; }          // mutable default: FastAPI hands out a deep copy
    public double? Gt { get; init; }
    public double? Ge { get; init; }
    public double? Lt { get; init; }
    public double? Le { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public Dictionary<string, nint>? EnumMembers { get; init; }  // owned references
    public nint PythonCheck { get; init; }                // owned: callable(raw) -> value, for Kind == Python
    public int PathIndex { get; init; } = -1;             // position among the template's parameters
}
