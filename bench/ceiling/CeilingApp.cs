// The benchmark endpoints as a raw IHttpApplication<HttpContext>: hand routing, hand binding.
// HttpContext objects are reused per connection the way ASP.NET's hosting layer does it.
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Tachyon.Bench.Ceiling;

public sealed class CeilingApp(bool manyRoutes) : IHttpApplication<HttpContext>
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _routes =
        Enumerable.Range(0, manyRoutes ? 10_000 : 0).ToDictionary(i => $"r{i}")
            .GetAlternateLookup<ReadOnlySpan<char>>();

    public HttpContext CreateContext(IFeatureCollection features)
    {
        if (features is not IHostContextContainer<HttpContext> container)
            return new DefaultHttpContext(features);
        if (container.HostContext is DefaultHttpContext reused)
        {
            reused.Initialize(features);
            return reused;
        }
        var created = new DefaultHttpContext(features);
        container.HostContext = created;
        return created;
    }

    public void DisposeContext(HttpContext context, Exception? exception) =>
        ((DefaultHttpContext)context).Uninitialize();

    public Task ProcessRequestAsync(HttpContext context)
    {
        var request = context.Request;
        string path = request.Path.Value ?? "/";
        if (HttpMethods.IsGet(request.Method))
        {
            switch (path)
            {
                case "/health": return Json.Write(context, 200, Endpoints.Health);
                case "/sleep": return Endpoints.Sleep(context);
                case "/deps": return Endpoints.Deps(context);
            }
            var segments = path.AsSpan(1);
            int slash = segments.IndexOf('/');
            if (slash > 0 && slash < segments.Length - 1 && segments[(slash + 1)..].IndexOf('/') < 0)
            {
                var head = segments[..slash];
                var tail = segments[(slash + 1)..];
                if (head.SequenceEqual("items")) return Endpoints.Item(context, tail);
                if (head.SequenceEqual("users")) return Endpoints.UserList(context, tail);
                if (_routes.TryGetValue(head, out int route)) return Endpoints.Numbered(context, route, tail);
            }
        }
        else if (HttpMethods.IsPost(request.Method) && path == "/users/")
        {
            return Endpoints.CreateUser(context);
        }
        return Json.Error(context, 404, "Not Found");
    }
}
