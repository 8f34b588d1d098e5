using System.Text;

namespace Tachyon.Engine.Serialization;

/// <summary>A finished response, independent of Python: built on the lane, written by Kestrel's thread.</summary>
internal sealed class ResponseData
{
    public const string Json = "application/json";
    public const string PlainText = "text/plain; charset=utf-8";

    public int Status;
    public byte[] Body = [];
    public string? ContentType;
    public List<KeyValuePair<string, string>>? Headers;
    public long? DeclaredLength;   // the Content-Length a Python Response carries: what a HEAD response announces
    public nint Background;   // owned: (the Response's ``background`` callable, its request's context), run after the response is sent
    public int CallerLoopPort;   // not 0: the background runs on the loop of the ASGI call from this port

    public static ResponseData FromJson(int status, byte[] body) => new() { Status = status, Body = body, ContentType = Json };

    public static ResponseData Detail(int status, string detail) =>
        FromJson(status, Encoding.UTF8.GetBytes($"{{\"detail\":\"{detail}\"}}"));

    public static ResponseData InternalServerError() =>
        new() { Status = 500, Body = "Internal Server Error"u8.ToArray(), ContentType = PlainText };
}
