using System.Buffers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Tachyon.Engine.Binding;
using Tachyon.Engine.Http;
using Tachyon.Engine.Lanes;
using Tachyon.Engine.Routing;
using Tachyon.Engine.Serialization;

namespace Tachyon.Engine.Server;

/// <summary>
/// The request pipeline Kestrel runs: route, bind in C#, run the handler (right here when it can: an async
/// one's first step while the loop is idle, see InlineSteps, and a def one whose route never blocks, see
/// InlineCalls; otherwise on a Python lane), write the response. Works on Kestrel's feature interfaces
/// directly (no HttpContext per request). Touches Python only through InlineSteps and InlineCalls, which
/// take the GIL themselves.
/// </summary>
internal sealed class TachyonApplication(Router routes, ServerOptions options, TestClientPeers testClientPeers) : IHttpApplication<IFeatureCollection>
{
    int _pending;
    volatile Router _router = routes;

    /// <summary>Replaced whole when the app's routes change while it serves; each request reads it once.</summary>
    public Router Router { set => _router = value; }

    public IFeatureCollection CreateContext(IFeatureCollection features) => features;

    public void DisposeContext(IFeatureCollection context, Exception? exception) { }

    public async Task ProcessRequestAsync(IFeatureCollection features)
    {
        var request = features.Get<IHttpRequestFeature>()!;
        var target = RequestTarget.From(request);
        var router = _router;
        string rootPath = options.RootPath.Length > 0 ? options.RootPath : testClientPeers.RootPathOf(features);
        string routedPath = ServerOptions.RoutePath(target.Path, rootPath);
        var match = router.Match(routedPath, request.Method);
        ResponseData response;
        if (match.Kind == MatchKind.Full)
            response = await Dispatch(features, request, target, match);
        else if (match.Kind == MatchKind.MethodNotAllowed)
        {
            string allow = match.Route!.AllowHeader;
            if (router.MissesFor(routedPath) is { } misses)
                response = await Dispatch(features, request, target, match, misses.Plan, allow);
            else
            {
                response = ResponseData.Detail(405, "Method Not Allowed");
                response.Headers = [new("allow", allow)];
            }
        }
        else if (TrailingSlashRedirect(router, features, request, target, rootPath) is { } redirect)
            response = redirect;
        else if (router.MissesFor(routedPath) is { } misses)
            response = await Dispatch(features, request, target, new RouteMatch(MatchKind.Full, misses, []));
        else
            response = ResponseData.Detail(404, "Not Found");
        if (response.Background == 0)
        {
            await Write(features, request.Method, response, testClientPeers);
            return;
        }
        Interlocked.Increment(ref EngineStats.BackgroundQueued);
        // Queued even when the write fails: the work includes the exit code of yield dependencies.
        try { await Write(features, request.Method, response, testClientPeers); }
        finally { LaneSet.Loop.EnqueueBackground(response.Background, response.CallerLoopPort); }
    }

    /// <param name="missesPlan">for the router's 405: the plan that serves it instead of the matched route's</param>
    /// <param name="allow">for the router's 405: the matched path's methods, sent to the misses plan</param>
    async Task<ResponseData> Dispatch(IFeatureCollection features, IHttpRequestFeature request, RequestTarget target, RouteMatch match,
        DispatchPlan? missesPlan = null, string? allow = null)
    {
        var route = match.Route!;
        var plan = missesPlan ?? route.Plan;   // read once: binding and the lane must use the same plan
        var query = target.Query.Length == 0 ? null : Tachyon.Engine.Http.QueryString.Parse(target.Query);
        ArgValue[]? args = Binder.TryBind(plan, match.PathValues, query, request.Headers, out var bound) ? bound : null;
        if (args == null) Interlocked.Increment(ref EngineStats.PythonBindings);
        bool pythonReads = args == null || plan.AlwaysPythonBinding || plan.NeedsRequest;
        byte[]? body = plan.HasBody || pythonReads ? await ReadBody(features) : null;
        string? contentType = request.Headers.ContentType;
        var form = body != null && MultipartForm.IsMultipart(contentType)   // parsed off the GIL, for Python to read
            ? MultipartForm.Parse(body, contentType!) : null;

        if (Interlocked.Increment(ref _pending) > options.MaxPending)
        {
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref EngineStats.Rejected);
            var busy = ResponseData.Detail(503, "Service Unavailable");
            busy.Headers = [new("retry-after", options.RetryAfterSeconds.ToString())];
            return busy;
        }
        try
        {
            var item = new WorkItem
            {
                Route = route,
                Plan = plan,
                PathValues = match.PathValues,
                Query = query,
                Body = body,
                ContentType = contentType,
                Form = form,
                Args = args,
                Features = features,
                Target = target,
                Forwarded = options.Forwarded,
                TestClientPeers = testClientPeers,
                Allow = allow,
                CallerLoopPort = testClientPeers.CallerLoopPortOf(features),
            };
            ResponseData? response;
            if (plan.IsAsync) response = InlineSteps.Run(item);
            else if (plan.SyncCalls.RunsInline) response = InlineCalls.Run(item);
            else
            {
                LaneSet.Sync.Enqueue(item);
                response = null;
            }
            response ??= await item.Completion.Task;
            response.CallerLoopPort = item.CallerLoopPort;
            return response;
        }
        finally { Interlocked.Decrement(ref _pending); }
    }

    /// <summary>Starlette's redirect_slashes: a miss whose path with the trailing slash toggled matches a route, of an
    /// app that redirects, gets a 307 there.</summary>
    ResponseData? TrailingSlashRedirect(Router router, IFeatureCollection features, IHttpRequestFeature request, RequestTarget target,
        string rootPath)
    {
        if (target.Path == "/") return null;
        string other = target.Path.EndsWith('/') ? target.Path.TrimEnd('/') : target.Path + "/";
        var there = router.Match(ServerOptions.RoutePath(other, rootPath), "\0");
        bool redirects = there.Kind != MatchKind.None ? there.Route!.Plan.RedirectSlashes
            : other.EndsWith('/') && router.RedirectsToMount(ServerOptions.RoutePath(target.Path, rootPath));
        if (!redirects) return null;
        string host = request.Headers.Host.ToString();
        string scheme = testClientPeers.Of(features)?.Scheme ?? options.Forwarded.Scheme(request, features.Get<IHttpConnectionFeature>());
        string location = $"{scheme}://{host}{other}" + (target.Query.Length > 0 ? "?" + target.Query : "");
        // Starlette's RedirectResponse quotes the URL it builds from the decoded path (/items/café -> caf%C3%A9).
        return new ResponseData { Status = 307, Headers = [new("location", PercentEncoding.Quote(location, PercentEncoding.RedirectSafe))] };
    }

    static async Task<byte[]> ReadBody(IFeatureCollection features)
    {
        var reader = features.Get<IRequestBodyPipeFeature>()!.Reader;
        while (true)
        {
            var read = await reader.ReadAsync();
            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    static async Task Write(IFeatureCollection features, string method, ResponseData data, TestClientPeers testClientPeers)
    {
        if (data.Status < 200)
        {
            // HTTP/1.1 has no final informational response: Kestrel would send it without ending the exchange,
            // and the client would wait for the real response forever.
            Console.Error.WriteLine($"tachyon: a response cannot have the informational status {data.Status}; answering 500");
            data = ResponseData.InternalServerError();
        }
        var response = features.Get<IHttpResponseFeature>()!;
        try { SetHead(response, method, data, features, testClientPeers); }
        catch (InvalidOperationException e)   // Kestrel refuses a header (a control character, a space in a name)
        {
            Console.Error.WriteLine($"tachyon: the response's headers cannot be sent ({e.Message}); answering 500");
            response.Headers.Clear();
            data = ResponseData.InternalServerError();
            SetHead(response, method, data, features, testClientPeers);
        }
        bool bodyAllowed = data.Status is not (204 or 205 or 304);
        if (data.Body.Length == 0 || !bodyAllowed || HttpMethods.IsHead(method)) return;
        await features.Get<IHttpResponseBodyFeature>()!.Writer.WriteAsync(data.Body);
    }

    /// <summary>The status line and headers of <paramref name="data"/>.</summary>
    static void SetHead(IHttpResponseFeature response, string method, ResponseData data, IFeatureCollection features,
        TestClientPeers testClientPeers)
    {
        response.StatusCode = data.Status;
        var headers = response.Headers;
        if (data.ContentType != null) headers.ContentType = data.ContentType;
        // 204, 205 and 304 have no body (Kestrel refuses to write one): what a Python Response holds is dropped.
        // As Starlette, 204 and 304 carry no Content-Length at all, 205 says 0.
        bool bodyAllowed = data.Status is not (204 or 205 or 304);
        bool head = HttpMethods.IsHead(method);
        // A HEAD response announces the length the Response says (an app may give a resource's size without its body),
        // and so does a 304 that declares one (the length of what the client has cached).
        if (data.Status is not (204 or 304))
            headers.ContentLength = !bodyAllowed ? 0 : head && data.DeclaredLength is { } declared ? declared : data.Body.Length;
        else if (data.Status == 304 && data.DeclaredLength is { } cached)
            headers.ContentLength = cached;
        // Not headers.Append: it skips an empty value, which Starlette sends ("X-Empty: ").
        if (data.Headers != null)
            foreach (var h in data.Headers) headers[h.Key] = StringValues.Concat(headers[h.Key], h.Value);
        if (!bodyAllowed && testClientPeers.Of(features) != null) BodilessForTestClient.Carry(data, headers);
    }
}
