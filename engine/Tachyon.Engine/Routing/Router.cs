namespace Tachyon.Engine.Routing;

/// <summary>
/// Finds the route for a path and method with Starlette's semantics: among the routes whose path
/// matches, the first registered one that accepts the method wins; if a path matches but no method
/// does, the first such route answers 405. Static paths are one dictionary lookup; parameterised
/// paths walk a segment tree, so the cost depends on the path depth, not on how many routes exist.
/// </summary>
internal sealed class Router
{
    readonly List<Route> _routes = [];
    readonly Dictionary<string, List<Route>> _static = new(StringComparer.Ordinal);
    readonly RouteNode _root = new();
    // A static route can be shadowed by an earlier parameterised one (FastAPI's "order matters");
    // then that path must be looked up in the tree too.
    readonly HashSet<string> _shadowedStatic = new(StringComparer.Ordinal);

    public IReadOnlyList<Route> Routes => _routes;

    /// <summary>Serves the router's 404s and 405s when the app handles them itself; null means the engine answers.</summary>
    public Route? Misses { get; private set; }
    // Mounted apps' misses routes, longest prefix first: a miss under a mount is the mounted app's to answer.
    readonly List<Route> _mountMisses = [];

    public void AddMisses(Route route)
    {
        if (route.MissesPrefix.Length == 0) { Misses = route; return; }
        _mountMisses.Add(route);
        _mountMisses.Sort((a, b) => b.MissesPrefix.Length.CompareTo(a.MissesPrefix.Length));
    }

    /// <summary>The route that answers a miss of <paramref name="routedPath"/>; null: the engine's own answer.</summary>
    public Route? MissesFor(string routedPath)
    {
        foreach (var route in _mountMisses)
            if (routedPath.Length > route.MissesPrefix.Length && routedPath[route.MissesPrefix.Length] == '/'
                && routedPath.StartsWith(route.MissesPrefix, StringComparison.Ordinal))
                return route;
        return Misses;
    }

    // Values the longest template writes: a segment like {name}.{ext} holds several.
    int _maxValues;

    // Mount prefixes -> whether the app each is mounted in redirects slashes (see Route.MountPrefix).
    readonly Dictionary<string, bool> _mounts = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="routedPath"/> is a mount's bare prefix that Starlette redirects to prefix + "/".</summary>
    public bool RedirectsToMount(string routedPath) => _mounts.TryGetValue(routedPath, out bool redirects) && redirects;

    public void Add(Route route)
    {
        _routes.Add(route);
        if (route.MountPrefix.Length > 0) _mounts.TryAdd(route.MountPrefix, route.MountRedirects);
        _maxValues = Math.Max(_maxValues, route.ParameterNames.Length);
        if (RouteTemplate.IsStatic(route.Segments))
        {
            if (!_static.TryGetValue(route.Template, out var list)) _static[route.Template] = list = [];
            list.Add(route);
            if (_root.HasParameterisedMatch(Split(route.Template), 0, route.Index))
                _shadowedStatic.Add(route.Template);
        }
        else
        {
            _root.Insert(route, 0);
            foreach (var path in _static.Keys)
                if (_root.HasParameterisedMatch(Split(path), 0, int.MaxValue)) _shadowedStatic.Add(path);
        }
    }

    public RouteMatch Match(string path, string method)
    {
        Route? full = null, partial = null;
        string[] fullValues = [], partialValues = [];
        if (_static.TryGetValue(path, out var statics))
        {
            foreach (var r in statics)
            {
                if (r.Accepts(method)) { full = r; break; }
                partial ??= r;
            }
            if (full != null && !_shadowedStatic.Contains(path)) return new RouteMatch(MatchKind.Full, full, []);
        }
        if (_root.HasChildren)
        {
            var segments = Split(path);
            var values = new string[Math.Max(segments.Length, _maxValues)];
            _root.Collect(segments, 0, method, values, 0, ref full, ref fullValues, ref partial, ref partialValues);
        }
        if (full != null) return new RouteMatch(MatchKind.Full, full, full.Segments.Length == 0 || RouteTemplate.IsStatic(full.Segments) ? [] : fullValues);
        // A path-only match keeps its values: an app's own 405 handler sees the path parameters, as in Starlette.
        if (partial != null) return new RouteMatch(MatchKind.MethodNotAllowed, partial, RouteTemplate.IsStatic(partial.Segments) ? [] : partialValues);
        return RouteMatch.NotFound;
    }

    static string[] Split(string path) => path.Length <= 1 ? [""] : path.Substring(1).Split('/');
}
