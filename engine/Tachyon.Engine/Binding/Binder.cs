using Microsoft.AspNetCore.Http;
using Tachyon.Engine.Http;

namespace Tachyon.Engine.Binding;

/// <summary>
/// Binds path and query values on the request thread, without touching Python. Returns false as soon as
/// one value is outside what the fast path can prove pydantic would accept identically (bad input,
/// missing required values, unusual spellings): the request then goes through the route's Python binder,
/// which gives pydantic's values and FastAPI's error body.
/// </summary>
internal static class Binder
{
    public static bool TryBind(DispatchPlan plan, string[] pathValues, List<KeyValuePair<string, string>>? query,
        IHeaderDictionary headers, out ArgValue[] args)
    {
        var parameters = plan.Parameters;
        args = parameters.Length == 0 ? [] : new ArgValue[parameters.Length];
        Dictionary<string, string>? cookies = null;
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            switch (p.Source)
            {
                case ParameterSource.Body:
                case ParameterSource.Request:
                    continue;   // built on the lane
                case ParameterSource.Model:
                    return false;   // extra keys, aliases, model validators: only pydantic decides
                case ParameterSource.Path:
                    if (!TryScalar(p, pathValues[p.PathIndex], out args[i])) return false;
                    continue;
                case ParameterSource.Cookie:
                    // Starlette 1.x reads every Cookie line (HTTP/2 clients and proxies split them), later ones winning.
                    cookies ??= CookieParser.Parse(headers.Cookie.Count > 1 ? string.Join(';', headers.Cookie.ToArray()) : headers.Cookie.ToString());
                    if (!cookies.TryGetValue(p.Key, out var cookie)) { if (!TryDefault(p, out args[i])) return false; continue; }
                    if (p.IsList) return false;   // a cookie has one value: let pydantic judge a list
                    if (!TryScalar(p, cookie, out args[i])) return false;
                    continue;
            }
            if (p.IsList)
            {
                var raw = p.Source == ParameterSource.Header ? HeaderValues(headers, p.Key) : AllValues(query, p.Key);
                if (raw.Count == 0) { if (!TryDefault(p, out args[i])) return false; continue; }
                if (p.Kind == ScalarKind.Python) { args[i] = ArgValue.Unchecked(raw.ToArray()); continue; }
                var items = new ArgValue[raw.Count];
                for (int k = 0; k < items.Length; k++)
                    if (!TryScalar(p, raw[k], out items[k])) return false;
                args[i] = ArgValue.FromList(items);
            }
            else
            {
                // Starlette: query_params[k] is the last value, headers[k] the first.
                var value = p.Source == ParameterSource.Header ? FirstHeader(headers, p.Key) : LastValue(query, p.Key);
                if (value == null) { if (!TryDefault(p, out args[i])) return false; continue; }
                if (!TryScalar(p, value, out args[i])) return false;
            }
        }
        return true;
    }

    static bool TryDefault(ParameterPlan p, out ArgValue arg)
    {
        arg = default;
        if (p.Required) return false;
        arg = p.DefaultNeedsCopy ? ArgValue.CopyOfObject(p.Default) : ArgValue.FromObject(p.Default);
        return true;
    }

    static bool TryScalar(ParameterPlan p, string raw, out ArgValue arg)
    {
        arg = default;
        switch (p.Kind)
        {
            case ScalarKind.Str:
                if (p.MinLength != null || p.MaxLength != null)
                {
                    int n = ScalarFastPath.CodePointLength(raw);
                    if (n < p.MinLength || n > p.MaxLength) return false;
                }
                arg = ArgValue.FromStr(raw);
                return true;
            case ScalarKind.Int:
                if (!ScalarFastPath.TryInt(raw, out long l) || !WithinBounds(p, l)) return false;
                arg = ArgValue.FromLong(l);
                return true;
            case ScalarKind.Float:
                if (!ScalarFastPath.TryFloat(raw, out double d) || !WithinBounds(p, d)) return false;
                arg = ArgValue.FromDouble(d);
                return true;
            case ScalarKind.Bool:
                if (!ScalarFastPath.TryBool(raw, out bool b)) return false;
                arg = ArgValue.FromBool(b);
                return true;
            case ScalarKind.Uuid:
                if (!ScalarFastPath.IsCanonicalUuid(raw)) return false;
                arg = ArgValue.FromUuid(raw);
                return true;
            case ScalarKind.Enum:
                if (p.EnumMembers == null || !p.EnumMembers.TryGetValue(raw, out var member)) return false;
                arg = ArgValue.FromObject(member);
                return true;
            default:
                arg = ArgValue.Unchecked(raw);
                return true;
        }
    }

    // Integers beyond 2^53 are not compared through double: leave those to pydantic.
    static bool WithinBounds(ParameterPlan p, long v) =>
        (p.Gt == null && p.Ge == null && p.Lt == null && p.Le == null) ||
        (v > -(1L << 53) && v < (1L << 53) && WithinBounds(p, (double)v));

    static bool WithinBounds(ParameterPlan p, double v) =>
        !(v <= p.Gt) && !(v < p.Ge) && !(v >= p.Lt) && !(v > p.Le);

    // Starlette's query MultiDict: a single-valued lookup sees the last value of a repeated key.
    static string? LastValue(List<KeyValuePair<string, string>>? query, string key)
    {
        if (query == null) return null;
        for (int i = query.Count - 1; i >= 0; i--)
            if (query[i].Key == key) return query[i].Value;
        return null;
    }

    static string? FirstHeader(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    static List<string> HeaderValues(IHeaderDictionary headers, string name)
    {
        var list = new List<string>();
        if (headers.TryGetValue(name, out var values))
            foreach (var v in values) list.Add(v ?? "");
        return list;
    }

    static List<string> AllValues(List<KeyValuePair<string, string>>? query, string key)
    {
        var values = new List<string>();
        if (query != null)
            foreach (var kv in query)
                if (kv.Key == key) values.Add(kv.Value);
        return values;
    }
}
