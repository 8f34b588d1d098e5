using System.Text;

namespace Tachyon.Engine.Http;

/// <summary>One part of a multipart/form-data body: a text field (<see cref="FileName"/> null) or a file.</summary>
internal sealed record FormPart(string Name, string? FileName, List<KeyValuePair<string, string>> Headers, byte[] Data);

/// <summary>
/// A multipart/form-data body split into its parts on the request thread, as Starlette's MultiPartParser reads it
/// with python-multipart: the same framing (a part the body ends inside is dropped, data before the first boundary
/// is an error), limits and messages. Either <see cref="Parts"/> or <see cref="Error"/> is set; Python turns an error
/// into FastAPI's 400 (through the app's exception handlers) and decodes text fields with the request's charset.
/// </summary>
internal sealed class MultipartForm
{
    // Starlette's MultiPartParser defaults (Request.form(max_files=1000, max_fields=1000, max_part_size=1 MiB)).
    const int MaxFiles = 1000, MaxFields = 1000, MaxPartSize = 1024 * 1024;
    // python-multipart's: headers per part, bytes per header line, boundary length.
    const int MaxHeaderCount = 8, MaxHeaderSize = 4096 + 128, MaxBoundaryLength = 256;
    const string ParseError = "Invalid multipart data.";   // Starlette 1.x's message for what python-multipart refuses
    const byte CR = (byte)'\r', LF = (byte)'\n', Hyphen = (byte)'-';

    public List<FormPart>? Parts { get; private init; }
    public string? Error { get; private init; }

    /// <summary>Starlette compares python-multipart's reading of the media type with "multipart/form-data": lowercased
    /// when the header has no parameters, as written when it has (so "Multipart/Form-Data; boundary=x" is no form).</summary>
    public static bool IsMultipart(string? contentType) =>
        contentType != null && OptionsHeader.MediaType(contentType) == "multipart/form-data";

    public static MultipartForm Parse(byte[] body, string contentType)
    {
        if (!OptionsHeader.Parameters(contentType).TryGetValue("boundary", out var boundaryText))
            return new MultipartForm { Error = "Missing boundary in multipart." };
        byte[] boundary = Encoding.Latin1.GetBytes(boundaryText);
        if (boundary.Length > MaxBoundaryLength) return new MultipartForm { Error = ParseError };
        try
        {
            return new MultipartForm { Parts = new Reader(body, boundary).ReadParts() };
        }
        catch (FormException e)
        {
            return new MultipartForm { Error = e.Message };
        }
    }

    sealed class FormException(string message) : Exception(message);

    /// <summary>python-multipart's MultipartParser states over the whole body; Starlette's callbacks on each part.</summary>
    sealed class Reader(byte[] body, byte[] boundary)
    {
        readonly byte[] _delimiter = [CR, LF, Hyphen, Hyphen, .. boundary];   // "\r\n--" + boundary ends a part's data
        readonly List<FormPart> _parts = [];
        int _files, _fields;

        public List<FormPart> ReadParts()
        {
            int i = 0;
            if (body.Length == 0) return _parts;
            if (body[0] is CR or LF)   // python-multipart skips from a leading newline to the next '-'
            {
                i = Array.IndexOf(body, Hyphen);
                if (i < 0) return _parts;
            }
            // The first boundary: "--" + boundary, then CRLF (a part follows) or "--" (an empty form).
            for (int k = 2; k < _delimiter.Length; k++, i++)
            {
                if (i >= body.Length) return _parts;
                if (body[i] != _delimiter[k]) throw new FormException(ParseError);
            }
            if (i >= body.Length) return _parts;
            if (body[i] == Hyphen)   // "--boundary--": an empty form
            {
                if (i + 1 < body.Length && body[i + 1] != Hyphen) throw new FormException(ParseError);
                return _parts;
            }
            if (body[i] != CR) throw new FormException(ParseError);
            if (++i >= body.Length) return _parts;
            if (body[i] != LF) throw new FormException(ParseError);
            i++;
            while (ReadPart(ref i)) { }
            return _parts;
        }

        /// <summary>One part from <paramref name="i"/> (just after a boundary line). False when the body ends inside
        /// it (python-multipart never ends such a part, so Starlette never adds it) or after the closing boundary.</summary>
        bool ReadPart(ref int i)
        {
            var headers = new List<KeyValuePair<string, string>>();
            string disposition = "";
            while (true)
            {
                if (i >= body.Length) return false;
                if (body[i] == CR)   // the blank line that ends the headers
                {
                    if (i + 1 >= body.Length) return false;
                    if (body[i + 1] != LF) throw new FormException(ParseError);
                    i += 2;
                    break;
                }
                if (headers.Count + 1 > MaxHeaderCount) throw new FormException(ParseError);
                int colon = Array.IndexOf(body, (byte)':', i);
                int fieldEnd = colon < 0 ? body.Length : colon;
                if (fieldEnd - i + (colon < 0 ? 0 : 1) > MaxHeaderSize || !IsToken(body.AsSpan(i, fieldEnd - i)))
                    throw new FormException(ParseError);
                if (colon < 0) return false;
                if (colon == i) throw new FormException(ParseError);   // a header without a name
                int size = colon - i + 1, start = colon + 1;
                while (start < body.Length && body[start] == (byte)' ') { start++; size++; }
                int cr = Array.IndexOf(body, CR, start);
                if (size + (cr < 0 ? body.Length : cr) - start > MaxHeaderSize) throw new FormException(ParseError);
                if (cr < 0 || cr + 1 >= body.Length) return false;
                if (body[cr + 1] != LF) throw new FormException(ParseError);
                // Starlette reads header bytes as latin-1 and lowercases the name.
                string name = Encoding.Latin1.GetString(body, i, colon - i).ToLowerInvariant();
                string value = Encoding.Latin1.GetString(body, start, cr - start);
                if (name == "content-disposition") disposition = value;
                headers.Add(new(name, value));
                i = cr + 2;
            }
            var options = OptionsHeader.Parameters(disposition);
            if (!options.TryGetValue("name", out var fieldName))
                throw new FormException("The Content-Disposition header field \"name\" must be provided.");
            string? fileName = options.TryGetValue("filename", out var f) ? f : null;
            if (fileName != null && ++_files > MaxFiles)
                throw new FormException($"Too many files. Maximum number of files is {MaxFiles}.");
            if (fileName == null && ++_fields > MaxFields)
                throw new FormException($"Too many fields. Maximum number of fields is {MaxFields}.");

            // The data runs to the next delimiter that a CRLF (another part) or "--" (the end) follows.
            for (int from = i; ; from++)
            {
                int at = body.AsSpan(from).IndexOf(_delimiter);
                if (at < 0) return false;
                at += from;
                int after = at + _delimiter.Length;
                if (after + 1 >= body.Length) return false;
                bool next = body[after] == CR && body[after + 1] == LF, last = body[after] == Hyphen && body[after + 1] == Hyphen;
                if (!next && !last) { from = at; continue; }
                if (fileName == null && at - i > MaxPartSize)
                    throw new FormException($"Part exceeded maximum size of {MaxPartSize / 1024}KB.");
                _parts.Add(new FormPart(Decode(fieldName), fileName == null ? null : Decode(fileName), headers, body[i..at]));
                i = after + 2;
                return next;
            }
        }

        static bool IsToken(ReadOnlySpan<byte> name) => !name.ContainsAnyExcept(OptionsHeader.TokenBytes);

        /// <summary>Starlette's _user_safe_decode of the latin-1 text python-multipart hands over: UTF-8, else latin-1.</summary>
        static string Decode(string latin1)
        {
            byte[] bytes = Encoding.Latin1.GetBytes(latin1);
            try { return Utf8Strict.GetString(bytes); }
            catch (DecoderFallbackException) { return latin1; }
        }

        static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    }
}
