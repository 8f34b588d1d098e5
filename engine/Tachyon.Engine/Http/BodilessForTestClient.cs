using Microsoft.AspNetCore.Http;
using Tachyon.Engine.Serialization;

namespace Tachyon.Engine.Http;

/// <summary>
/// What a 204, 205 or 304 response carries that HTTP cannot send, for a TestClient (or an ASGI call) to show as
/// Starlette's TestClient does: it hands the test whatever the app's Response held, without a server in between.
/// Tests of real apps check it (<c>return JSONResponse({}, status_code=204)</c>, then <c>response.json() == {}</c>).
/// Kestrel sends no body with these statuses, so the body goes in a header of its own, and so does the
/// Content-Length of the Python Response when Kestrel's differs (none with 204, 0 with 205); the client side
/// (tachyon/_testclient/bodiless.py) puts them back. Only TestClient connections get these headers.
/// </summary>
internal static class BodilessForTestClient
{
    public const string BodyHeader = "x-tachyon-test-body";
    public const string LengthHeader = "x-tachyon-test-content-length";

    // http.client reads a header line of at most 64 KiB: a larger body (base64 grows it by a third) is left out.
    const int MaxCarried = 32 * 1024;

    public static void Carry(ResponseData data, IHeaderDictionary headers)
    {
        if (data.Body.Length is > 0 and <= MaxCarried) headers[BodyHeader] = Convert.ToBase64String(data.Body);
        if (data.Status != 304 && data.DeclaredLength is { } declared) headers[LengthHeader] = declared.ToString();
    }
}
