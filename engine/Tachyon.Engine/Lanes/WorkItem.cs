using Microsoft.AspNetCore.Http.Features;
using Tachyon.Engine.Binding;
using Tachyon.Engine.Http;
using Tachyon.Engine.Routing;
using Tachyon.Engine.Serialization;

namespace Tachyon.Engine.Lanes;

/// <summary>What Python's Request object can ask about.</summary>
internal sealed record RequestInfo(string Method, string Scheme, string Path, string RawQuery, string HttpVersion,
    string? ClientHost, int ClientPort, string? ServerHost, int ServerPort)
{
    /// <summary>A TestClient connection's requests take their scheme from its registration and their client from
    /// the connection (the TestClient reports its own); others believe a trusted proxy's forwarded headers.</summary>
    public static RequestInfo From(IFeatureCollection features, RequestTarget target, ForwardedHeaders forwarded,
        TestClientPeers testClientPeers)
    {
        var request = features.Get<IHttpRequestFeature>()!;
        var connection = features.Get<IHttpConnectionFeature>();
        string version = request.Protocol.StartsWith("HTTP/", StringComparison.Ordinal) ? request.Protocol[5..] : request.Protocol;
        var peer = testClientPeers.Of(features);
        var (clientHost, clientPort) = peer is null ? forwarded.Client(request, connection)
            : (connection?.RemoteIpAddress?.ToString(), connection?.RemotePort ?? 0);
        return new RequestInfo(request.Method, peer?.Scheme ?? forwarded.Scheme(request, connection), target.Path, target.Query,
            version, clientHost, clientPort, connection?.LocalIpAddress?.ToString(), connection?.LocalPort ?? 0);
    }
}

/// <summary>One request on its way through a lane: what binding decided, and where the response goes.</summary>
internal sealed class WorkItem
{
    public required Route Route { get; init; }
    public required string[] PathValues { get; init; }
    public List<KeyValuePair<string, string>>? Query { get; init; }
    public byte[]? Body { get; init; }
    public string? ContentType { get; init; }
    public MultipartForm? Form { get; init; }   // a multipart body, split into parts off the GIL
    public required IFeatureCollection Features { get; init; }
    public required RequestTarget Target { get; init; }
    public required ForwardedHeaders Forwarded { get; init; }
    public required TestClientPeers TestClientPeers { get; init; }   // read only when Python builds a Request
    RequestInfo? _info;
    List<KeyValuePair<string, string>>? _headers;

    // Described only when Python builds a Request (the slow path, Request parameters, exception
    // handlers): the strings cost allocations most requests never need. The request is still in flight
    // then (its response waits for this item), so its features are valid and nothing else touches them.
    public RequestInfo Info => _info ??= RequestInfo.From(Features, Target, Forwarded, TestClientPeers);

    /// <summary>The request headers as (lower-case name, value) pairs, in order.</summary>
    public List<KeyValuePair<string, string>> Headers => _headers ??= HeaderList(Features.Get<IHttpRequestFeature>()!.Headers);

    static List<KeyValuePair<string, string>> HeaderList(Microsoft.AspNetCore.Http.IHeaderDictionary headers)
    {
        var list = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var h in headers)
            foreach (var v in h.Value)
                list.Add(new(h.Key.ToLowerInvariant(), v ?? ""));
        return list;
    }
    public string? Allow { get; init; }        // the router's 405: the path's methods, for the misses plan
    public ArgValue[]? Args { get; init; }     // null: bind through the route's Python binder
    public int CallerLoopPort { get; init; }   // not 0: an ASGI call's request, whose coroutines run on the caller's loop

    // Completed only through CompletionBatch, on a pool thread: the continuation (writing the response)
    // then runs inline there, never on the lane that holds the GIL.
    public readonly TaskCompletionSource<ResponseData> Completion = new();

    public required DispatchPlan Plan { get; init; }
}
