// Response writing: serialize into a per-thread buffer, then copy it to Kestrel's PipeWriter
// with Content-Length set (no chunking), as FastAPI/Starlette responses do.
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Tachyon.Bench.Ceiling;

public sealed class User
{
    [JsonRequired] public long Id { get; set; }
    [JsonRequired] public string? Username { get; set; }
    [JsonRequired] public string? Email { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(User))]
public sealed partial class BenchJson : JsonSerializerContext;

public static class Json
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// Returns this thread's writer, emptied. Use it and call End() with no await in between.
    public static Utf8JsonWriter Begin()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        writer.Reset(buffer);
        return writer;
    }

    public static Task End(HttpContext context, int status)
    {
        t_writer!.Flush();
        var json = t_buffer!.WrittenSpan;
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        var pipe = response.BodyWriter;
        json.CopyTo(pipe.GetSpan(json.Length));
        pipe.Advance(json.Length);
        return Task.CompletedTask;  // Kestrel flushes when the request completes.
    }

    public static Task Write(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        body(Begin());
        return End(context, status);
    }

    public static Task Error(HttpContext context, int status, string detail)
    {
        var w = Begin();
        w.WriteStartObject();
        w.WriteString("detail", detail);
        w.WriteEndObject();
        return End(context, status);
    }
}
