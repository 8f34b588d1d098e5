using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Tachyon.Engine.Http;

/// <summary>One part of a multipart/form-data body: a text field (<see cref="FileName"/> null) or a file.</summary>
internal sealed record FormPart(string Name, string? FileName, List<KeyValuePair<string, string>> Headers, byte[] Data);

/// <summary>
/// A multipart/form-data body split into its parts on the request thread, with Starlette's limits and
/// messages. Either <see cref="Parts"/> or <see cref="Error"/> is set; Python turns an error into
/// FastAPI's 400 (through the app's exception handlers) and decodes text fields with the request's charset.
/// </summary>
internal sealed class MultipartForm
{
    // Starlette's MultiPartParser defaults (Request.form(max_files=1000, max_fields=1000, max_part_size=1 MiB)).
    const int MaxFiles = 1000, MaxFields = 1000, MaxPartSize = 1024 * 1024;
    const string ParseError = "Invalid multipart data.";   // Starlette 1.x's message for what python-multipart cannot parse

    public List<FormPart>? Parts { get; private init; }
    public string? Error { get; private init; }

    public static bool IsMultipart(string? contentType) =>
        contentType != null && contentType.AsSpan().TrimStart().StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public static async Task<MultipartForm> ParseAsync(byte[] body, string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || StringSegment.IsNullOrEmpty(HeaderUtilities.RemoveQuotes(media.Boundary)))
            return new MultipartForm { Error = "Missing boundary in multipart." };
        var parts = new List<FormPart>();
        if (body.Length == 0) return new MultipartForm { Parts = parts };
        var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(media.Boundary).ToString(), new MemoryStream(body, writable: false))
        {
            HeadersCountLimit = 64,
            BodyLengthLimit = null,
        };
        int files = 0, fields = 0;
        try
        {
            while (await reader.ReadNextSectionAsync() is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.Name.HasValue)
                    return new MultipartForm { Error = "The Content-Disposition header field \"name\" must be provided." };
                string? fileName = FileName(disposition);
                if (fileName != null && ++files > MaxFiles)
                    return new MultipartForm { Error = $"Too many files. Maximum number of files is {MaxFiles}." };
                if (fileName == null && ++fields > MaxFields)
                    return new MultipartForm { Error = $"Too many fields. Maximum number of fields is {MaxFields}." };
                var data = new MemoryStream();
                await section.Body.CopyToAsync(data);
                if (fileName == null && data.Length > MaxPartSize)
                    return new MultipartForm { Error = $"Part exceeded maximum size of {MaxPartSize / 1024}KB." };
                parts.Add(new FormPart(LastWindowsPathSegment(Unescape(disposition.Name.ToString()), isFileName: false), fileName,
                    PartHeaders(section), data.ToArray()));
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return new MultipartForm { Error = ParseError };
        }
        return new MultipartForm { Parts = parts };
    }

    // RFC 5987's filename* wins over filename, as in python-multipart; an empty filename="" is still a file.
    static string? FileName(ContentDispositionHeaderValue disposition)
    {
        string? name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.ToString()
            : disposition.FileName.HasValue ? Unescape(disposition.FileName.ToString()) : null;
        return name == null ? null : LastWindowsPathSegment(name, isFileName: true);
    }

    /// <summary>A parameter's value (its quotes already removed) unescaped as Python's email.utils.unquote does for
    /// python-multipart: only an escaped backslash or quote, so a Windows path sent unescaped keeps its backslashes.</summary>
    static string Unescape(string value) => value.Replace("\\\\", "\\").Replace("\\\"", "\"");

    /// <summary>python-multipart's fix for old browsers that sent a file's full Windows path: a filename like
    /// <c>C:\dir\x.txt</c>, or any value starting <c>\\</c> (its condition's precedence reaches the field name
    /// too), keeps what follows the last backslash.</summary>
    static string LastWindowsPathSegment(string value, bool isFileName)
    {
        bool drivePath = isFileName && value.Length >= 3 && value[1] == ':' && value[2] == '\\';
        return drivePath || value.StartsWith("\\\\", StringComparison.Ordinal) ? value[(value.LastIndexOf('\\') + 1)..] : value;
    }

    static List<KeyValuePair<string, string>> PartHeaders(MultipartSection section)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (section.Headers != null)
            foreach (var h in section.Headers)
                foreach (var v in h.Value)
                    headers.Add(new(h.Key.ToLowerInvariant(), v ?? ""));
        return headers;
    }
}
