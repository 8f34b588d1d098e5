namespace Tachyon.Engine.Routing;

/// <summary>One segment of a path template: literal text, a parameter (<c>{id}</c>), or a tail (<c>{p:path}</c>).</summary>
internal readonly record struct TemplateSegment(TemplateSegmentKind Kind, string Text);

internal enum TemplateSegmentKind { Literal, Parameter, Tail }

/// <summary>
/// Parses Starlette path templates. FastAPI path parameters use Starlette's <c>str</c> convertor
/// (one non-empty segment) unless declared <c>{name:path}</c>, which takes the rest of the path.
/// A parameter must fill a whole segment, which is how FastAPI apps write them.
/// </summary>
internal static class RouteTemplate
{
    public static TemplateSegment[] Parse(string template)
    {
        if (!template.StartsWith('/')) throw new ArgumentException($"route path must start with '/': '{template}'");
        var parts = template.Substring(1).Split('/');
        var segments = new TemplateSegment[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i];
            if (part.StartsWith('{') && part.EndsWith('}'))
            {
                string inner = part[1..^1];
                int colon = inner.IndexOf(':');
                string name = colon < 0 ? inner : inner[..colon];
                string convertor = colon < 0 ? "str" : inner[(colon + 1)..];
                var kind = convertor switch
                {
                    "str" => TemplateSegmentKind.Parameter,
                    "path" => TemplateSegmentKind.Tail,
                    _ => throw new ArgumentException($"unsupported path convertor '{convertor}' in '{template}'"),
                };
                if (kind == TemplateSegmentKind.Tail && i != parts.Length - 1)
                    throw new ArgumentException($"a ':path' parameter must be last in '{template}'");
                segments[i] = new TemplateSegment(kind, name);
            }
            else if (part.Contains('{'))
                throw new ArgumentException($"a path parameter must fill a whole segment in '{template}'");
            else
                segments[i] = new TemplateSegment(TemplateSegmentKind.Literal, part);
        }
        return segments;
    }

    public static bool IsStatic(TemplateSegment[] segments) =>
        Array.TrueForAll(segments, s => s.Kind == TemplateSegmentKind.Literal);
}
