using Tachyon.Engine.Binding;

namespace Tachyon.Engine.Routing;

/// <summary>A registered path operation: its template, its methods and the plan that serves it.</summary>
internal sealed class Route
{
    public required int Index { get; init; }              // registration order: the first match wins, as in Starlette
    public required string Template { get; init; }
    public required TemplateSegment[] Segments { get; init; }
    public required string[] Methods { get; init; }
    public required string AllowHeader { get; init; }
    // Replaced whole when the app's dependency_overrides change; a request keeps the plan it started with.
    public required DispatchPlan Plan { get; set; }
    // The plan marked "misses": it serves the router's 404s and 405s (the app handles them itself), under
    // MissesPrefix for a mounted app's (Starlette's Mount hands "/sub/..." to the sub-app, whose handlers answer).
    public bool ServesMisses { get; init; }
    public string MissesPrefix { get; init; } = "";
    // Where its app is mounted ("" for the served app), and whether the app it is mounted in redirects: a request
    // for the bare prefix gets Starlette's 307 to prefix + "/", which the Mount matches.
    public string MountPrefix { get; init; } = "";
    public bool MountRedirects { get; init; } = true;

    string[]? _parameterNames;
    /// <summary>Its path parameters, in the order the router writes their values.</summary>
    public string[] ParameterNames => _parameterNames ??= RouteTemplate.ParameterNames(Segments);

    public bool Accepts(string method)
    {
        foreach (var m in Methods)
            if (ReferenceEquals(m, method) || m == method) return true;
        return false;
    }
}
