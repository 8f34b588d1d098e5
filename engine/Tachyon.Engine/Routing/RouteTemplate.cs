using System.Text;
using System.Text.RegularExpressions;

namespace Tachyon.Engine.Routing;

/// <summary>
/// One segment of a path template: literal text, a parameter (<c>{id}</c>, <c>{id:int}</c>), or a tail
/// (<c>{p:path}</c>). A parameter's convertor decides which segments it matches.
/// </summary>
internal readonly record struct TemplateSegment(TemplateSegmentKind Kind, string Text, PathConvertor Convertor = PathConvertor.Str,
    SegmentPattern? Pattern = null);

/// <summary>Pattern: parameters with text around them in one segment (<c>{name}.{ext}</c>, <c>report-{year:int}</c>).</summary>
internal enum TemplateSegmentKind { Literal, Parameter, Tail, Pattern }

/// <summary>
/// A segment with parameters and text, matched as Starlette's path regex matches it: each parameter is its
/// convertor's pattern (greedy; <c>{name}</c> is <c>[^/]+</c>, so <c>a.tar.gz</c> against <c>{name}.{ext}</c>
/// gives <c>a.tar</c> and <c>gz</c>).
/// </summary>
internal sealed class SegmentPattern(Regex regex, string[] names)
{
    public string[] Names { get; } = names;

    /// <summary>Writes the parameters' values at <paramref name="at"/> when the segment matches.</summary>
    public bool TryMatch(string segment, string[] values, int at)
    {
        var match = regex.Match(segment);
        if (!match.Success) return false;
        // Named groups: a custom convertor's pattern may hold groups of its own.
        for (int i = 0; i < Names.Length; i++) values[at + i] = match.Groups[GroupName(i)].Value;
        return true;
    }

    public static string GroupName(int parameter) => "p" + parameter;
}

/// <summary>Starlette's one-segment convertors; the value reaches the binder as the matched text.</summary>
internal enum PathConvertor { Str, Int, Float, Uuid }

/// <summary>
/// Parses Starlette path templates. FastAPI path parameters use Starlette's <c>str</c> convertor
/// (one non-empty segment) unless declared otherwise: <c>{name:int}</c>, <c>{name:float}</c> and
/// <c>{name:uuid}</c> match only segments of that form (another path gets a 404, as in Starlette), and
/// <c>{name:path}</c> takes the rest of the path (or, with segments after it, the most segments that leave a
/// match for them, as Starlette's greedy <c>.*</c>). A parameter must fill a whole segment, which is how
/// FastAPI apps write them. A convertor the app registered (Starlette's <c>register_url_convertor</c>) comes
/// with its regex in <paramref name="custom"/> and matches within one segment.
/// </summary>
internal static class RouteTemplate
{
    public static TemplateSegment[] Parse(string template, IReadOnlyDictionary<string, string>? custom = null)
    {
        if (!template.StartsWith('/')) throw new ArgumentException($"route path must start with '/': '{template}'");
        var parts = template.Substring(1).Split('/');
        var segments = new TemplateSegment[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i];
            var parameter = ParameterInText.Match(part);
            if (!parameter.Success)   // Starlette: braces around anything but a name are literal text
            {
                segments[i] = new TemplateSegment(TemplateSegmentKind.Literal, part);
                continue;
            }
            if (parameter.Length != part.Length || IsCustom(part, custom))
            {
                segments[i] = new TemplateSegment(TemplateSegmentKind.Pattern, part, Pattern: ParsePattern(part, template, custom));
                continue;
            }
            string name = parameter.Groups[1].Value;
            string convertor = parameter.Groups[2].Success ? parameter.Groups[2].Value : "str";
            // {p:path} may have segments after it (/files/{p:path}/download): it then takes as many as it can.
            segments[i] = convertor == "path"
                ? new TemplateSegment(TemplateSegmentKind.Tail, name)
                : new TemplateSegment(TemplateSegmentKind.Parameter, name, Convertor(convertor, template));
        }
        return segments;
    }

    static PathConvertor Convertor(string convertor, string template) => convertor switch
    {
        "str" => PathConvertor.Str,
        "int" => PathConvertor.Int,
        "float" => PathConvertor.Float,
        "uuid" => PathConvertor.Uuid,
        "path" => throw new ArgumentException($"a ':path' parameter must fill the last segment in '{template}'"),
        _ => throw new ArgumentException($"unknown path convertor '{convertor}' in '{template}' (Starlette's are str, int, float, uuid, path)"),
    };

    // Starlette's PARAM_REGEX.
    static readonly Regex ParameterInText = new(@"\{([a-zA-Z_][a-zA-Z0-9_]*)(?::([a-zA-Z_][a-zA-Z0-9_]*))?\}", RegexOptions.CultureInvariant);

    /// <summary>A whole-segment parameter whose convertor the app registered.</summary>
    static bool IsCustom(string part, IReadOnlyDictionary<string, string>? custom)
    {
        int colon = part.IndexOf(':');
        return custom != null && colon > 0 && custom.ContainsKey(part[(colon + 1)..^1]);
    }

    static SegmentPattern ParsePattern(string part, string template, IReadOnlyDictionary<string, string>? custom)
    {
        var names = new List<string>();
        var regex = new StringBuilder("^");
        int at = 0;
        foreach (Match m in ParameterInText.Matches(part))
        {
            regex.Append(Regex.Escape(part[at..m.Index]));
            string convertor = m.Groups[2].Success ? m.Groups[2].Value : "str";
            regex.Append("(?<").Append(SegmentPattern.GroupName(names.Count)).Append('>');
            names.Add(m.Groups[1].Value);
            if (custom != null && custom.TryGetValue(convertor, out var pattern))
                regex.Append(pattern);
            else
                regex.Append(Convertor(convertor, template) switch
                {
                    PathConvertor.Int => "[0-9]+",
                    PathConvertor.Float => @"[0-9]+(?:\.[0-9]+)?",
                    PathConvertor.Uuid => "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}",
                    _ => "[^/]+",
                });
            regex.Append(')');
            at = m.Index + m.Length;
        }
        regex.Append(Regex.Escape(part[at..])).Append('$');
        return new SegmentPattern(new Regex(regex.ToString(), RegexOptions.CultureInvariant), [.. names]);
    }

    /// <summary>The template's parameter names, in the order the router writes their values.</summary>
    public static string[] ParameterNames(TemplateSegment[] segments) =>
        [.. segments.Where(s => s.Kind != TemplateSegmentKind.Literal)
                    .SelectMany(s => s.Kind == TemplateSegmentKind.Pattern ? s.Pattern!.Names : [s.Text])];

    /// <summary>Starlette's convertor regexes, applied to one decoded segment.</summary>
    public static bool Matches(PathConvertor convertor, string segment) => convertor switch
    {
        PathConvertor.Str => segment.Length > 0,                       // [^/]+
        PathConvertor.Int => IsDigits(segment),                         // [0-9]+
        PathConvertor.Float => FloatText(segment),                      // [0-9]+(\.[0-9]+)?
        _ => UuidText(segment),                                         // 8-4-4-4-12 hex, each dash optional
    };

    static bool IsDigits(ReadOnlySpan<char> s) => s.Length > 0 && !s.ContainsAnyExceptInRange('0', '9');

    static bool FloatText(string s)
    {
        int dot = s.IndexOf('.');
        return dot < 0 ? IsDigits(s) : IsDigits(s.AsSpan(0, dot)) && IsDigits(s.AsSpan(dot + 1));
    }

    /// <summary>Starlette 1.x's <c>[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}</c>.</summary>
    static bool UuidText(string s)
    {
        ReadOnlySpan<int> groups = [8, 4, 4, 4, 12];
        int at = 0;
        for (int g = 0; g < groups.Length; g++)
        {
            if (g > 0 && at < s.Length && s[at] == '-') at++;
            if (at + groups[g] > s.Length || s.AsSpan(at, groups[g]).ContainsAnyExcept(HexDigits)) return false;
            at += groups[g];
        }
        return at == s.Length;
    }

    static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    public static bool IsStatic(TemplateSegment[] segments) =>
        Array.TrueForAll(segments, s => s.Kind == TemplateSegmentKind.Literal);
}
