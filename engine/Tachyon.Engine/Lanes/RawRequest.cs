using Tachyon.Engine.Boundary;
using Tachyon.Engine.Http;
using Tachyon.Engine.Routing;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// The request as Python sees it (tachyon/_endpoint/request_data.py names the fields):
/// <c>(path_params: dict[str, str], query: list[tuple[str, str]], body: bytes | None,
/// headers: list[tuple[str, str]], content_type: str | None, method, scheme, path, query_string,
/// client: (host, port) | None, server: (host, port) | None, http_version,
/// form: list[(name, filename | None, headers, data: bytes)] | str (the parse error) | None,
/// allow: str | None (the Allow header when the router matched the path but not the method),
/// root_path: str (the connection's root path: a TestClient's or an ASGI scope's, else ""))</c>.
/// Built only on the slow path (bad input) or for parameters only Python can build (Request…).
/// </summary>
internal static unsafe class RawRequest
{
    public static nint Build(WorkItem item)
    {
        var info = item.Info;
        nint tuple = CPython.TupleNew(15);
        CPython.TupleSetItem(tuple, 0, PathParams(item));
        CPython.TupleSetItem(tuple, 1, Pairs(item.Query));
        CPython.TupleSetItem(tuple, 2, item.Body != null ? CPython.NewBytes(item.Body) : CPython.NewRef(CPython.None));
        CPython.TupleSetItem(tuple, 3, Pairs(item.Headers));
        CPython.TupleSetItem(tuple, 4, item.ContentType != null ? CPython.NewStr(item.ContentType) : CPython.NewRef(CPython.None));
        CPython.TupleSetItem(tuple, 5, CPython.NewStr(info.Method));
        CPython.TupleSetItem(tuple, 6, CPython.NewStr(info.Scheme));
        CPython.TupleSetItem(tuple, 7, CPython.NewStr(info.Path));
        CPython.TupleSetItem(tuple, 8, CPython.NewStr(info.RawQuery));
        CPython.TupleSetItem(tuple, 9, Endpoint(info.ClientHost, info.ClientPort));
        CPython.TupleSetItem(tuple, 10, Endpoint(info.ServerHost, info.ServerPort));
        CPython.TupleSetItem(tuple, 11, CPython.NewStr(info.HttpVersion));
        CPython.TupleSetItem(tuple, 12, Form(item.Form));
        CPython.TupleSetItem(tuple, 13, item.Allow != null ? CPython.NewStr(item.Allow) : CPython.NewRef(CPython.None));
        CPython.TupleSetItem(tuple, 14, CPython.NewStr(item.TestClientPeers.RootPathOf(item.Features)));
        return tuple;
    }

    static nint Form(MultipartForm? form)
    {
        if (form == null) return CPython.NewRef(CPython.None);
        if (form.Parts == null) return CPython.NewStr(form.Error!);
        nint list = CPython.ListNew(form.Parts.Count);
        for (int i = 0; i < form.Parts.Count; i++)
        {
            var part = form.Parts[i];
            nint tuple = CPython.TupleNew(4);
            CPython.TupleSetItem(tuple, 0, CPython.NewStr(part.Name));
            CPython.TupleSetItem(tuple, 1, part.FileName != null ? CPython.NewStr(part.FileName) : CPython.NewRef(CPython.None));
            CPython.TupleSetItem(tuple, 2, Pairs(part.Headers));
            CPython.TupleSetItem(tuple, 3, CPython.NewBytes(part.Data));
            CPython.ListSetItem(list, i, tuple);
        }
        return list;
    }

    static nint Endpoint(string? host, int port)
    {
        if (host == null) return CPython.NewRef(CPython.None);
        nint pair = CPython.TupleNew(2);
        CPython.TupleSetItem(pair, 0, CPython.NewStr(host));
        CPython.TupleSetItem(pair, 1, CPython.LongFromLongLong(port));
        return pair;
    }

    static nint PathParams(WorkItem item)
    {
        nint dict = CPython.DictNew();
        int v = 0;
        foreach (var name in item.Route.ParameterNames)
        {
            nint key = CPython.NewStr(name), value = CPython.NewStr(item.PathValues[v++]);
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
