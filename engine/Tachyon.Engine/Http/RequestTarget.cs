using Microsoft.AspNetCore.Http.Features;

namespace Tachyon.Engine.Http;

/// <summary>
/// The request's path (percent-decoded, as ASGI's scope["path"]) and raw query string (without '?').
/// Taken from the raw target so that an encoded slash decodes the way Starlette sees it.
/// </summary>
internal readonly record struct RequestTarget(string Path, string Query)
{
    public static RequestTarget From(IHttpRequestFeature request)
    {
        string raw = request.RawTarget;
        if (raw.Length == 0 || raw[0] != '/')   // absolute-form or asterisk-form: Kestrel has parsed it for us
            return new RequestTarget(request.Path.Length == 0 ? "/" : request.Path, request.QueryString.TrimStart('?'));
        int q = raw.IndexOf('?');
        string path = q < 0 ? raw : raw[..q];
        string query = q < 0 ? "" : raw[(q + 1)..];
        if (path.Contains('%')) path = PercentDecoding.Unquote(path);
        return new RequestTarget(path, query);
    }
}
