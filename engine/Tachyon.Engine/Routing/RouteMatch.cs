namespace Tachyon.Engine.Routing;

internal enum MatchKind { None, MethodNotAllowed, Full }

/// <summary>The outcome of a lookup: the route, and the raw (percent-decoded) path parameter values in template order.</summary>
internal readonly record struct RouteMatch(MatchKind Kind, Route? Route, string[] PathValues)
{
    public static readonly RouteMatch NotFound = new(MatchKind.None, null, []);
}
