using Microsoft.AspNetCore.Http.Features;

namespace Tachyon.Engine.Http;

/// <summary>
/// uvicorn's proxy headers (on by default there, trusting 127.0.0.1): a request from a trusted peer takes
/// its scheme from <c>X-Forwarded-Proto</c> and its client from <c>X-Forwarded-For</c>, so an app behind a
/// TLS-terminating proxy on the same host builds https URLs and redirects. An empty trust list turns it off.
/// </summary>
internal sealed class ForwardedHeaders(IReadOnlyCollection<string> trustedPeers)
{
    readonly HashSet<string> _trusted = new(trustedPeers, StringComparer.Ordinal);
    readonly bool _trustsAll = trustedPeers.Contains("*");

    bool Trusts(string? peer) => _trustsAll || (peer != null && _trusted.Contains(peer));

    /// <summary>The request's scheme: X-Forwarded-Proto's (http, https, ws or wss) from a trusted peer.</summary>
    public string Scheme(IHttpRequestFeature request, IHttpConnectionFeature? connection)
    {
        if (_trusted.Count == 0 || !request.Headers.TryGetValue("x-forwarded-proto", out var values)) return request.Scheme;
        string proto = (values[values.Count - 1] ?? "").Trim();   // a repeated header: the last, as uvicorn's dict of headers
        return proto is "http" or "https" or "ws" or "wss" && Trusts(connection?.RemoteIpAddress?.ToString()) ? proto : request.Scheme;
    }

    /// <summary>
    /// The client as uvicorn reports it: from a trusted peer, the nearest X-Forwarded-For entry that is not a
    /// trusted proxy (all trusted: the first), with port 0.
    /// </summary>
    public (string? Host, int Port) Client(IHttpRequestFeature request, IHttpConnectionFeature? connection)
    {
        string? peer = connection?.RemoteIpAddress?.ToString();
        int port = connection?.RemotePort ?? 0;
        if (_trusted.Count == 0 || !request.Headers.TryGetValue("x-forwarded-for", out var values) || !Trusts(peer))
            return (peer, port);
        var hosts = (values[values.Count - 1] ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (_trustsAll) return (hosts[0], 0);
        for (int i = hosts.Length - 1; i >= 0; i--)
            if (!_trusted.Contains(hosts[i])) return (hosts[i], 0);
        return (hosts[0], 0);
    }
}
