namespace Tachyon.Engine.Routing;

/// <summary>
/// A node of the parameterised-route tree: literal children by text, a parameter child per convertor
/// (almost always just <c>str</c>), tail routes.
/// </summary>
internal sealed class RouteNode
{
    Dictionary<string, RouteNode>? _literals;
    List<(PathConvertor Convertor, RouteNode Node)>? _parameters;
    List<(string Text, SegmentPattern Pattern, RouteNode Node)>? _patterns;   // segments like {name}.{ext}
    List<Route>? _tails;   // routes whose template ends here with {name:path}
    RouteNode? _afterTail; // the rest of templates with segments after a {name:path} here
    List<Route>? _ends;    // routes whose template ends exactly here

    public bool HasChildren => _literals != null || _parameters != null || _patterns != null || _tails != null || _afterTail != null;

    public void Insert(Route route, int depth)
    {
        if (depth == route.Segments.Length) { (_ends ??= []).Add(route); return; }
        var seg = route.Segments[depth];
        switch (seg.Kind)
        {
            case TemplateSegmentKind.Literal:
                _literals ??= new(StringComparer.Ordinal);
                if (!_literals.TryGetValue(seg.Text, out var child)) _literals[seg.Text] = child = new RouteNode();
                child.Insert(route, depth + 1);
                break;
            case TemplateSegmentKind.Parameter:
                _parameters ??= [];
                int at = _parameters.FindIndex(p => p.Convertor == seg.Convertor);
                if (at < 0) _parameters.Add((seg.Convertor, new RouteNode()));
                _parameters[at < 0 ? _parameters.Count - 1 : at].Node.Insert(route, depth + 1);
                break;
            case TemplateSegmentKind.Pattern:
                _patterns ??= [];
                int same = _patterns.FindIndex(p => p.Text == seg.Text);
                if (same < 0) _patterns.Add((seg.Text, seg.Pattern!, new RouteNode()));
                _patterns[same < 0 ? _patterns.Count - 1 : same].Node.Insert(route, depth + 1);
                break;
            default:
                if (depth == route.Segments.Length - 1) (_tails ??= []).Add(route);
                else (_afterTail ??= new RouteNode()).Insert(route, depth + 1);
                break;
        }
    }

    /// <summary>
    /// Walks every branch that can match (literal, parameter, tail) and keeps the lowest-index full match
    /// and the lowest-index path-only match, each with its parameter values. Values are written into
    /// <paramref name="values"/> (one slot per template parameter, in order) while walking.
    /// </summary>
    public void Collect(string[] segments, int depth, string method, string[] values, int valueCount,
        ref Route? full, ref string[] fullValues, ref Route? partial, ref string[] partialValues)
    {
        if (depth == segments.Length)
        {
            if (_ends != null) Consider(_ends, method, values, valueCount, ref full, ref fullValues, ref partial, ref partialValues);
            return;
        }
        string seg = segments[depth];
        if (_literals != null && _literals.TryGetValue(seg, out var lit))
            lit.Collect(segments, depth + 1, method, values, valueCount, ref full, ref fullValues, ref partial, ref partialValues);
        if (_parameters != null)
        {
            foreach (var (convertor, node) in _parameters)
            {
                if (!RouteTemplate.Matches(convertor, seg)) continue;
                values[valueCount] = seg;
                node.Collect(segments, depth + 1, method, values, valueCount + 1, ref full, ref fullValues, ref partial, ref partialValues);
            }
        }
        if (_patterns != null)
        {
            foreach (var (_, pattern, node) in _patterns)
                if (pattern.TryMatch(seg, values, valueCount))
                    node.Collect(segments, depth + 1, method, values, valueCount + pattern.Names.Length, ref full, ref fullValues, ref partial, ref partialValues);
        }
        if (_tails != null)
        {
            // {p:path} matches ".*": the rest of the path, possibly empty, slashes included.
            values[valueCount] = string.Join('/', segments, depth, segments.Length - depth);
            Consider(_tails, method, values, valueCount + 1, ref full, ref fullValues, ref partial, ref partialValues);
        }
        if (_afterTail != null)
        {
            // {p:path} followed by more template: ".*" is greedy, so the longest tail that leaves a match wins
            // (a route seen first keeps its values); the tail takes at least one, possibly empty, segment.
            for (int end = segments.Length - 1; end > depth; end--)
            {
                values[valueCount] = string.Join('/', segments, depth, end - depth);
                _afterTail.Collect(segments, end, method, values, valueCount + 1, ref full, ref fullValues, ref partial, ref partialValues);
            }
        }
    }

    static void Consider(List<Route> routes, string method, string[] values, int valueCount,
        ref Route? full, ref string[] fullValues, ref Route? partial, ref string[] partialValues)
    {
        foreach (var r in routes)
        {
            if (r.Accepts(method))
            {
                if (full == null || r.Index < full.Index) { full = r; fullValues = values[..valueCount]; }
            }
            else if (partial == null || r.Index < partial.Index) { partial = r; partialValues = values[..valueCount]; }
        }
    }

    /// <summary>Whether a parameterised route registered before <paramref name="beforeIndex"/> matches these segments.</summary>
    public bool HasParameterisedMatch(string[] segments, int depth, int beforeIndex)
    {
        if (depth == segments.Length) return _ends?.Exists(r => r.Index < beforeIndex) == true;
        if (_tails?.Exists(r => r.Index < beforeIndex) == true) return true;
        for (int end = segments.Length - 1; _afterTail != null && end > depth; end--)
            if (_afterTail.HasParameterisedMatch(segments, end, beforeIndex)) return true;
        if (_literals != null && _literals.TryGetValue(segments[depth], out var lit) && lit.HasParameterisedMatch(segments, depth + 1, beforeIndex)) return true;
        if (_patterns?.Exists(p => p.Pattern.TryMatch(segments[depth], new string[p.Pattern.Names.Length], 0)
                                    && p.Node.HasParameterisedMatch(segments, depth + 1, beforeIndex)) == true) return true;
        return _parameters?.Exists(p => RouteTemplate.Matches(p.Convertor, segments[depth])
                                        && p.Node.HasParameterisedMatch(segments, depth + 1, beforeIndex)) == true;
    }
}
