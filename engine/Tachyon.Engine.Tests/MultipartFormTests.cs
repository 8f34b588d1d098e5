using System.Text;
using Tachyon.Engine.Http;
using Xunit;

namespace Tachyon.Engine.Tests;

public class MultipartFormTests
{
    const string ContentType = "multipart/form-data; boundary=XyZ";

    static byte[] Body(params string[] parts) =>
        Encoding.UTF8.GetBytes(string.Concat(parts.Select(p => "--XyZ\r\n" + p + "\r\n")) + "--XyZ--\r\n");

    static MultipartForm Parse(byte[] body, string contentType = ContentType) =>
        MultipartForm.Parse(body, contentType);

    [Theory]
    [InlineData("multipart/form-data; boundary=a", true)]
    [InlineData("  MULTIPART/Form-Data  ", true)]                   // no parameters: lowercased
    [InlineData("  Multipart/Form-Data;boundary=a", false)]         // with them: compared as written, as Starlette
    [InlineData("multipart/mixed; boundary=a", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData(null, false)]
    public void RecognisesMultipartFormData(string? contentType, bool expected) =>
        Assert.Equal(expected, MultipartForm.IsMultipart(contentType));

    [Fact]
    public void SplitsFieldsAndFilesInOrder()
    {
        var form = Parse(Body(
            "Content-Disposition: form-data; name=\"note\"\r\n\r\nhi there",
            "Content-Disposition: form-data; name=\"up\"; filename=\"a \\\"b\\\".txt\"\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2",
            "Content-Disposition: form-data; name=\"note\"\r\n\r\n"));
        Assert.Null(form.Error);
        var parts = form.Parts!;
        Assert.Equal(["note", "up", "note"], parts.Select(p => p.Name));
        Assert.Null(parts[0].FileName);
        Assert.Equal("hi there", Encoding.UTF8.GetString(parts[0].Data));
        Assert.Equal("a \"b\".txt", parts[1].FileName);
        Assert.Equal("line1\r\nline2", Encoding.UTF8.GetString(parts[1].Data));
        Assert.Contains(new KeyValuePair<string, string>("content-type", "text/plain"), parts[1].Headers);
        Assert.Empty(parts[2].Data);
    }

    [Fact]
    public void EmptyFilenameIsStillAFileAndFilenameStarIsIgnored()
    {
        // python-multipart 0.0.32: RFC 7578 forbids RFC 5987 keys in forms, so filename* is left out.
        var form = Parse(Body(
            "Content-Disposition: form-data; name=\"a\"; filename=\"\"\r\n\r\nx",
            "Content-Disposition: form-data; name=\"b\"; filename=\"plain.txt\"; filename*=UTF-8''%E2%82%AC.txt\r\n\r\ny",
            "Content-Disposition: form-data; name=\"c\"; filename*=UTF-8''%E2%82%AC.txt\r\n\r\nz"));
        Assert.Equal("", form.Parts![0].FileName);
        Assert.Equal("plain.txt", form.Parts[1].FileName);
        Assert.Null(form.Parts[2].FileName);   // a text field, then
    }

    [Theory]
    [InlineData(@"C:\\Users\\me\\x.txt", "x.txt")]          // a drive path, as old browsers sent it
    [InlineData(@"\\\\server\\share\\y.txt", "y.txt")]     // a UNC path
    [InlineData(@"dir\\z.txt", @"dir\z.txt")]             // anything else is kept (quoted-pair escapes undone)
    [InlineData(@"C:\Users\x.txt", "x.txt")]              // unescaped, as browsers send it
    [InlineData("plain.txt", "plain.txt")]
    public void AFullWindowsPathKeepsItsLastSegmentAsPythonMultipart(string quoted, string expected)
    {
        var form = Parse(Body($"Content-Disposition: form-data; name=\"up\"; filename=\"{quoted}\"\r\n\r\nx"));
        Assert.Null(form.Error);
        Assert.Equal(expected, form.Parts![0].FileName);
    }

    [Fact]
    public void KeepsBinaryDataByteForByte()
    {
        byte[] data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        byte[] head = Encoding.ASCII.GetBytes("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"b\"\r\n\r\n");
        byte[] tail = Encoding.ASCII.GetBytes("\r\n--XyZ--\r\n");
        var form = Parse([.. head, .. data, .. tail]);
        Assert.Equal(data, form.Parts![0].Data);
    }

    [Theory]
    [InlineData("multipart/form-data", "Missing boundary in multipart.")]
    [InlineData("multipart/form-data; boundary=\"\"", "Invalid multipart data.")]   // an empty boundary: the body does not match it
    public void MissingBoundaryIsStarlettesError(string contentType, string error) =>
        Assert.Equal(error, Parse(Body("Content-Disposition: form-data; name=\"a\"\r\n\r\n1"), contentType).Error);

    [Theory]
    [InlineData("Content-Disposition: form-data\r\n\r\n1")]
    [InlineData("Content-Type: text/plain\r\n\r\n1")]
    public void PartWithoutNameIsStarlettesError(string part) =>
        Assert.Equal("The Content-Disposition header field \"name\" must be provided.", Parse(Body(part)).Error);

    [Theory]
    [InlineData("no boundary in here at all")]
    [InlineData("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\n")]
    [InlineData("--XyZ-x")]
    [InlineData("--XyZ\r\nBad Name: 1\r\n\r\n1\r\n--XyZ--\r\n")]
    [InlineData("--XyZ\r\n: no name\r\n\r\n1\r\n--XyZ--\r\n")]
    [InlineData("--XyZ\r\nX: v\rY\r\n\r\n1\r\n--XyZ--\r\n")]
    public void MalformedBodyIsStarlettesParseError(string body) =>
        Assert.Equal("Invalid multipart data.", Parse(Encoding.UTF8.GetBytes(body)).Error);

    [Theory]
    [InlineData("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated", 0)]
    [InlineData("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ\r\n", 1)]
    [InlineData("--XyZ\r\n", 0)]
    [InlineData("--XyZ--", 0)]
    [InlineData("\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\nepilogue", 1)]
    public void APartTheBodyEndsInsideIsDroppedAsPythonMultipartDoes(string body, int parts) =>
        Assert.Equal(parts, Parse(Encoding.UTF8.GetBytes(body)).Parts!.Count);

    [Fact]
    public void HeadersAreLatin1AndNamesUtf8AsStarlette()
    {
        var form = Parse(Body("Content-Disposition: form-data; name=\"n\u00e9\"; filename=\"caf\u00e9.txt\"\r\nX-H: \u00e9\r\n\r\nD"));
        var part = form.Parts![0];
        Assert.Equal(("n\u00e9", "caf\u00e9.txt"), (part.Name, part.FileName));
        Assert.Contains(new KeyValuePair<string, string>("x-h", "\u00c3\u00a9"), part.Headers);
    }

    [Fact]
    public void PythonMultipartsHeaderLimits()
    {
        string eight = string.Concat(Enumerable.Range(0, 7).Select(i => $"H{i}: v\r\n"));
        Assert.Null(Parse(Body($"Content-Disposition: form-data; name=a\r\n{eight}\r\nD")).Error);
        Assert.Equal("Invalid multipart data.", Parse(Body($"Content-Disposition: form-data; name=a\r\n{eight}H8: v\r\n\r\nD")).Error);
        Assert.Equal("Invalid multipart data.", Parse(Body($"Content-Disposition: form-data; name=a\r\nX: {new string('v', 5000)}\r\n\r\nD")).Error);
    }

    [Fact]
    public void EmptyBodyHasNoParts() => Assert.Empty(Parse([]).Parts!);

    [Fact]
    public void EnforcesStarlettesLimits()
    {
        var fields = Enumerable.Range(0, 1001).Select(i => $"Content-Disposition: form-data; name=\"f{i}\"\r\n\r\n{i}").ToArray();
        Assert.Equal("Too many fields. Maximum number of fields is 1000.", Parse(Body(fields)).Error);
        Assert.Null(Parse(Body(fields[..1000])).Error);

        var files = Enumerable.Range(0, 1001).Select(i => $"Content-Disposition: form-data; name=\"f\"; filename=\"{i}\"\r\n\r\n{i}").ToArray();
        Assert.Equal("Too many files. Maximum number of files is 1000.", Parse(Body(files)).Error);

        string big = new('x', 1024 * 1024 + 1);
        Assert.Equal("Part exceeded maximum size of 1024KB.",
            Parse(Body($"Content-Disposition: form-data; name=\"a\"\r\n\r\n{big}")).Error);
        Assert.Null(Parse(Body($"Content-Disposition: form-data; name=\"a\"; filename=\"big\"\r\n\r\n{big}")).Error);
    }
}
