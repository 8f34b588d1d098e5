// Handlers of the benchmark scenarios, each writing its JSON with Utf8JsonWriter.
using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tachyon.Bench.Ceiling;

public static class Endpoints
{
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Ok = JsonEncodedText.Encode("ok");
    private static readonly JsonEncodedText ItemId = JsonEncodedText.Encode("item_id");
    private static readonly JsonEncodedText Q = JsonEncodedText.Encode("q");
    private static readonly JsonEncodedText Limit = JsonEncodedText.Encode("limit");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Active = JsonEncodedText.Encode("active");
    private static readonly JsonEncodedText Slept = JsonEncodedText.Encode("slept");
    private static readonly JsonEncodedText UserKey = JsonEncodedText.Encode("user");
    private static readonly JsonEncodedText Route = JsonEncodedText.Encode("route");
    private static readonly JsonEncodedText X = JsonEncodedText.Encode("x");

    public static void Health(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Status, Ok);
        w.WriteEndObject();
    }

    public static Task Item(HttpContext context, ReadOnlySpan<char> rawId)
    {
        if (!long.TryParse(rawId, out long id)) return Json.Error(context, 422, "item_id");
        var query = context.Request.Query;
        string? q = query.TryGetValue("q", out var qs) ? qs[^1] : null;
        int limit = 10;
        if (query.TryGetValue("limit", out var ls) && !int.TryParse(ls[^1], out limit)) return Json.Error(context, 422, "limit");
        if (limit is < 1 or > 100) return Json.Error(context, 422, "limit");

        var w = Json.Begin();
        w.WriteStartObject();
        w.WriteNumber(ItemId, id);
        if (q is null) w.WriteNull(Q); else w.WriteString(Q, q);
        w.WriteNumber(Limit, limit);
        w.WriteEndObject();
        return Json.End(context, 200);
    }

    public static Task UserList(HttpContext context, ReadOnlySpan<char> rawId)
    {
        if (!long.TryParse(rawId, out _)) return Json.Error(context, 422, "user_id");
        Span<byte> name = stackalloc byte[16];
        "user"u8.CopyTo(name);
        var w = Json.Begin();
        w.WriteStartArray();
        for (int i = 0; i < 100; i++)
        {
            Utf8Formatter.TryFormat(i, name[4..], out int digits);
            w.WriteStartObject();
            w.WriteNumber(Id, i);
            w.WriteString(Name, name[..(4 + digits)]);
            w.WriteBoolean(Active, true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        return Json.End(context, 200);
    }

    public static async Task CreateUser(HttpContext context)
    {
        var body = context.Request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync();
            if (read.IsCompleted)
            {
                var user = ParseUser(read.Buffer);
                body.AdvanceTo(read.Buffer.End);
                if (user is null) { await Json.Error(context, 422, "body"); return; }
                JsonSerializer.Serialize(Json.Begin(), user, BenchJson.Default.User);
                await Json.End(context, 201);
                return;
            }
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static User? ParseUser(ReadOnlySequence<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            var user = JsonSerializer.Deserialize(ref reader, BenchJson.Default.User);
            return user is { Username: not null, Email: not null } ? user : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static async Task Sleep(HttpContext context)
    {
        await Task.Delay(10);
        var w = Json.Begin();
        w.WriteStartObject();
        w.WriteBoolean(Slept, true);
        w.WriteEndObject();
        await Json.End(context, 200);
    }

    // Two chained "dependencies", as in the Python apps: current_user(common_params(request)).
    private static (string? Q, int Limit) CommonParams(HttpContext context)
    {
        var query = context.Request.Query;
        string? q = query.TryGetValue("q", out var qs) ? qs[^1] : null;
        int limit = query.TryGetValue("limit", out var ls) && int.TryParse(ls[^1], out int l) ? l : 10;
        return (q, limit);
    }

    private static (string User, string? Q, int Limit) CurrentUser(HttpContext context)
    {
        var (q, limit) = CommonParams(context);
        return ("alice", q, limit);
    }

    public static Task Deps(HttpContext context)
    {
        var (user, q, limit) = CurrentUser(context);
        var w = Json.Begin();
        w.WriteStartObject();
        w.WriteString(UserKey, user);
        if (q is null) w.WriteNull(Q); else w.WriteString(Q, q);
        w.WriteNumber(Limit, limit);
        w.WriteEndObject();
        return Json.End(context, 200);
    }

    public static Task Numbered(HttpContext context, int route, ReadOnlySpan<char> x)
    {
        var w = Json.Begin();
        w.WriteStartObject();
        w.WriteNumber(Route, route);
        w.WriteString(X, x);
        w.WriteEndObject();
        return Json.End(context, 200);
    }
}
