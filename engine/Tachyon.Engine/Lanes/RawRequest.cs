using Tachyon.Engine.Boundary;
using Tachyon.Engine.Routing;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// The request as the Python binder sees it: <c>(path_params: dict[str, str], query: list[tuple[str, str]],
/// body: bytes | None, headers: list[tuple[str, str]] | None, content_type: str | None)</c>.
/// Built only on the slow path (bad input, or a signature that needs Python binding).
/// </summary>
internal static unsafe class RawRequest
{
    public static nint Build(WorkItem item)
    {
        nint tuple = CPython.TupleNew(5);
        CPython.TupleSetItem(tuple, 0, PathParams(item));
        CPython.TupleSetItem(tuple, 1, Pairs(item.Query));
        CPython.TupleSetItem(tuple, 2, item.Body != null ? CPython.NewBytes(item.Body) : CPython.NewRef(CPython.None));
        CPython.TupleSetItem(tuple, 3, item.Headers != null ? Pairs(item.Headers) : CPython.NewRef(CPython.None));
        CPython.TupleSetItem(tuple, 4, item.ContentType != null ? CPython.NewStr(item.ContentType) : CPython.NewRef(CPython.None));
        return tuple;
    }

    static nint PathParams(WorkItem item)
    {
        nint dict = CPython.DictNew();
        int v = 0;
        foreach (var seg in item.Route.Segments)
        {
            if (seg.Kind == TemplateSegmentKind.Literal) continue;
            nint key = CPython.NewStr(seg.Text), value = CPython.NewStr(item.PathValues[v++]);
            CPython.DictSetItem(dict, key, value);   // does not steal
            CPython.DecRef(key);
            CPython.DecRef(value);
        }
        return dict;
    }

    static nint Pairs(List<KeyValuePair<string, string>>? pairs)
    {
        int n = pairs?.Count ?? 0;
        nint list = CPython.ListNew(n);
        for (int i = 0; i < n; i++)
        {
            nint pair = CPython.TupleNew(2);
            CPython.TupleSetItem(pair, 0, CPython.NewStr(pairs![i].Key));
            CPython.TupleSetItem(pair, 1, CPython.NewStr(pairs[i].Value));
            CPython.ListSetItem(list, i, pair);
        }
        return list;
    }
}
