namespace Tachyon.Engine.Binding;

internal enum ArgKind : byte { Missing, Long, Double, Bool, Str, Object, CopyOf, Uuid, List, Unchecked }

/// <summary>
/// A handler argument decided on the request thread, without the GIL; turned into a Python object on
/// the lane. <c>Object</c>/<c>CopyOf</c> point at objects the plan owns (defaults, enum members).
/// <c>Unchecked</c> carries raw text for a per-parameter pydantic check on the lane.
/// </summary>
internal readonly struct ArgValue
{
    public readonly ArgKind Kind;
    public readonly long Long;
    public readonly double Double;
    public readonly object? Ref;   // string, ArgValue[] (lists) or null
    public readonly nint Object;

    ArgValue(ArgKind kind, long l = 0, double d = 0, object? r = null, nint o = 0)
    {
        Kind = kind; Long = l; Double = d; Ref = r; Object = o;
    }

    public static ArgValue FromLong(long v) => new(ArgKind.Long, l: v);
    public static ArgValue FromDouble(double v) => new(ArgKind.Double, d: v);
    public static ArgValue FromBool(bool v) => new(ArgKind.Bool, l: v ? 1 : 0);
    public static ArgValue FromStr(string v) => new(ArgKind.Str, r: v);
    public static ArgValue FromUuid(string v) => new(ArgKind.Uuid, r: v);
    public static ArgValue FromObject(nint borrowed) => new(ArgKind.Object, o: borrowed);
    public static ArgValue CopyOfObject(nint borrowed) => new(ArgKind.CopyOf, o: borrowed);
    public static ArgValue FromList(ArgValue[] items) => new(ArgKind.List, r: items);
    public static ArgValue Unchecked(object raw) => new(ArgKind.Unchecked, r: raw);   // string or string[]
}
