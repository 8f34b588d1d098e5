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
        MultipartForm.ParseAsync(body, contentType).GetAwaiter().GetResult();

    [Theory]
    [InlineData("multipart/form-data; boundary=a", true)]
    [InlineData("  Multipart/Form-Data;boundary=a", true)]
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
    public void EmptyFilenameIsStillAFileAndFilenameStarWins()
    {
        var form = Parse(Body(
            "Content-Disposition: form-data; name=\"a\"; filename=\"\"\r\n\r\nx",
            "Content-Disposition: form-data; name=\"b\"; filename=\"plain.txt\"; filename*=UTF-8''%E2%82%AC.txt\r\n\r\ny"));
        Assert.Equal("", form.Parts![0].FileName);
        Assert.Equal("€.txt", form.Parts[1].FileName);
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
    [InlineData("multipart/form-data; boundary=\"\"", "Missing boundary in multipart.")]
    public void MissingBoundaryIsStarlettesError(string contentType, string error) =>
        Assert.Equal(error, Parse(Body("Content-Disposition: form-data; name=\"a\"\r\n\r\n1"), contentType).Error);

    [Theory]
    [InlineData("Content-Disposition: form-data\r\n\r\n1")]
    [InlineData("Content-Type: text/plain\r\n\r\n1")]
    public void PartWithoutNameIsStarlettesError(string part) =>
        Assert.Equal("The Content-Disposition header field \"name\" must be provided.", Parse(Body(part)).Error);

    [Theory]
    [InlineData("no boundary in here at all")]
    [InlineData("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated")]
    public void MalformedBodyIsStarlettesParseError(string body) =>
        Assert.Equal("Invalid multipart data.", Parse(Encoding.UTF8.GetBytes(body)).Error);

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
