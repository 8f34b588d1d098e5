using System.Text.Json;
using Tachyon.Engine.Boundary;
using Tachyon.Engine.Routing;

namespace Tachyon.Engine.Binding;

/// <summary>
/// Reads a route's plan as compiled by tachyon/_boundary/plans.py: a JSON description plus a tuple of
/// Python objects it refers to by index. Needs the GIL: every object the plan keeps is IncRef'd here.
/// </summary>
internal static unsafe class PlanReader
{
    public static Route Read(ReadOnlySpan<byte> json, nint objects, int index)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var root = doc.RootElement;
        nint Obj(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
                ? CPython.NewRef(CPython.TupleGetItem(objects, v.GetInt32()))
                : 0;

        string template = root.GetProperty("path").GetString()!;
        // The regexes of the convertors the app registered that the path uses (Starlette's register_url_convertor).
        var custom = root.TryGetProperty("convertors", out var convertors)
            ? convertors.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetString()!)
            : null;
        var segments = RouteTemplate.Parse(template, custom);
        var pathNames = RouteTemplate.ParameterNames(segments).ToList();
        var parameters = root.GetProperty("params").EnumerateArray().Select(p => ReadParameter(p, pathNames, Obj)).ToArray();
        var methods = root.GetProperty("methods").EnumerateArray().Select(m => string.Intern(m.GetString()!.ToUpperInvariant())).ToArray();

        var plan = new DispatchPlan
        {
            Handler = Obj(root, "handler"),
            IsAsync = root.GetProperty("is_async").GetBoolean(),
            StatusCode = root.GetProperty("status_code").GetInt32(),
            Parameters = parameters,
            Binder = Obj(root, "binder"),
            ErrorHandler = Obj(root, "error_handler"),
            Render = Obj(root, "render"),
            BodyValidator = Obj(root, "body_validator"),
            AlwaysPythonBinding = root.GetProperty("python_binding").GetBoolean(),
            StrictContentType = root.TryGetProperty("strict_content_type", out var strict) && strict.ValueKind == JsonValueKind.True,
            RedirectSlashes = !root.TryGetProperty("redirect_slashes", out var redirect) || redirect.ValueKind != JsonValueKind.False,
            UuidType = Obj(root, "uuid_type"),
            DeepCopy = Obj(root, "deep_copy"),
        };
        if (plan.Handler == 0 || plan.Binder == 0 || plan.ErrorHandler == 0)
            throw new ArgumentException($"route {template}: plan lacks handler, binder or error handler");
        if (Flag(root, "stays_on_lanes")) plan.SyncCalls.KeepOnLanes();
        return new Route
        {
            Index = index,
            Template = template,
            Segments = segments,
            Methods = methods,
            AllowHeader = string.Join(", ", methods),
            Plan = plan,
            ServesMisses = root.TryGetProperty("misses", out var misses) && misses.ValueKind == JsonValueKind.True,
            MissesPrefix = root.TryGetProperty("misses_prefix", out var prefix) ? prefix.GetString() ?? "" : "",
            MountPrefix = root.TryGetProperty("mount_prefix", out var mount) ? mount.GetString() ?? "" : "",
            MountRedirects = !root.TryGetProperty("mount_redirects", out var mountRedirects) || mountRedirects.ValueKind != JsonValueKind.False,
        };
    }

    static ParameterPlan ReadParameter(JsonElement p, List<string> pathNames, Func<JsonElement, string, nint> obj)
    {
        var source = p.GetProperty("source").GetString() switch
        {
            "path" => ParameterSource.Path,
            "query" => ParameterSource.Query,
            "header" => ParameterSource.Header,
            "cookie" => ParameterSource.Cookie,
            "body" => ParameterSource.Body,
            "request" => ParameterSource.Request,
            "model" => ParameterSource.Model,
            var s => throw new ArgumentException($"unknown parameter source '{s}'"),
        };
        string key = p.GetProperty("key").GetString()!;
        int pathIndex = source == ParameterSource.Path ? pathNames.IndexOf(key) : -1;
        if (source == ParameterSource.Path && pathIndex < 0)
            throw new ArgumentException($"path parameter '{key}' is not in the route's path");
        var kind = (p.TryGetProperty("kind", out var k) ? k.GetString() : null) switch
        {
            "str" => ScalarKind.Str,
            "int" => ScalarKind.Int,
            "float" => ScalarKind.Float,
            "bool" => ScalarKind.Bool,
            "uuid" => ScalarKind.Uuid,
            "enum" => ScalarKind.Enum,
            _ => ScalarKind.Python,
        };
        Dictionary<string, nint>? members = null;
        if (p.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Object)
        {
            members = new Dictionary<string, nint>(StringComparer.Ordinal);
            foreach (var m in e.EnumerateObject()) members[m.Name] = obj(e, m.Name);
        }
        return new ParameterPlan
        {
            Name = p.GetProperty("name").GetString()!,
            Source = source,
            Key = key,
            Kind = kind,
            IsList = Flag(p, "list"),
            Required = Flag(p, "required"),
            Default = obj(p, "default"),
            DefaultNeedsCopy = Flag(p, "default_copy"),
            Gt = Number(p, "gt"), Ge = Number(p, "ge"), Lt = Number(p, "lt"), Le = Number(p, "le"),
            MinLength = (int?)Number(p, "min_length"), MaxLength = (int?)Number(p, "max_length"),
            EnumMembers = members,
            PythonCheck = obj(p, "check"),
            PathIndex = pathIndex,
        };
    }

    static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
