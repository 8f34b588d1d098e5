using System.Text;
using Tachyon.Engine.Boundary;
using Tachyon.Engine.Lanes;

namespace Tachyon.Engine.Serialization;

/// <summary>
/// Reads a tachyon.responses.Response object (Starlette's shape: status_code, body bytes, raw_headers as
/// a list of (bytes, bytes) in latin-1) into a <see cref="ResponseData"/>. Needs the GIL.
/// Returns null with a Python exception set when the object does not have that shape.
/// </summary>
internal static unsafe class ResponseReader
{
    public static ResponseData? Read(nint response)
    {
        nint ownCall = CPython.GetAttr(response, "_tachyon_asgi_call");
        if (ownCall == 0) CPython.ErrClear();   // not a tachyon Response subclass: read as it is
        else
        {
            bool materialize = ownCall == CPython.True;
            CPython.DecRef(ownCall);
            if (materialize)
            {
                // Its class has its own ASGI __call__: what that sends is the response.
                nint plain = CPython.CallOneArg(PythonHelpers.Materialize, response);
                if (plain == 0) return null;
                try { return ReadPlain(plain); }
                finally { CPython.DecRef(plain); }
            }
        }
        return ReadPlain(response);
    }

    static ResponseData? ReadPlain(nint response)
    {
        var data = new ResponseData();
        nint status = CPython.GetAttr(response, "status_code");
        if (status == 0) return null;
        int overflow;
        data.Status = (int)CPython.LongAsLongLongAndOverflow(status, &overflow);
        CPython.DecRef(status);
        if (CPython.ErrOccurred() != 0) return null;

        nint body = CPython.GetAttr(response, "body");
        if (body == 0) return null;
        var bytes = CopyBytes(body);
        CPython.DecRef(body);
        if (bytes == null) return null;
        data.Body = bytes;

        nint headers = CPython.GetAttr(response, "raw_headers");
        if (headers == 0) return null;
        try
        {
            nint n = CPython.ListSize(headers);
            if (n < 0) return null;
            for (nint i = 0; i < n; i++)
            {
                nint pair = CPython.ListGetItem(headers, i);
                string? name = Latin1(CPython.TupleGetItem(pair, 0));
                string? value = Latin1(CPython.TupleGetItem(pair, 1));
                if (name == null || value == null) return null;
                if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase)) data.ContentType = value;
                else if (name.Equals("content-length", StringComparison.OrdinalIgnoreCase))   // Kestrel sets it from the body
                    data.DeclaredLength = long.TryParse(value, out long length) && length >= 0 ? length : null;
                else (data.Headers ??= []).Add(new(name, value));
            }
        }
        finally { CPython.DecRef(headers); }

        nint background = CPython.GetAttr(response, "background");
        if (background == 0) CPython.ErrClear();   // a response class without the attribute has no tasks
        else if (background == CPython.None) CPython.DecRef(background);
        else data.Background = WithContext(background);
        return data;
    }

    /// <summary>(background, the request's context), consuming <paramref name="background"/>: Starlette runs
    /// background tasks in the request's task, so they see the contextvars the handler set, and the exit code of
    /// yield dependencies runs in the Context their setup ran in (Dispatcher.RequestContext; else a copy).</summary>
    static nint WithContext(nint background)
    {
        nint pair = CPython.TupleNew(2);
        CPython.TupleSetItem(pair, 0, background);
        nint context = Dispatcher.RequestContext;
        CPython.TupleSetItem(pair, 1, context != 0 ? CPython.NewRef(context) : CPython.ContextCopyCurrent());
        return pair;
    }

    /// <summary>A copy of a Python bytes object's content (null with a Python exception set if it is not bytes).</summary>
    public static byte[]? CopyBytes(nint bytes)
    {
        byte* p; nint size;
        if (CPython.BytesAsStringAndSize(bytes, &p, &size) != 0) return null;
        return new ReadOnlySpan<byte>(p, (int)size).ToArray();
    }

    static string? Latin1(nint bytes)
    {
        if (bytes == 0) return null;
        byte* p; nint size;
        if (CPython.BytesAsStringAndSize(bytes, &p, &size) != 0) return null;
        return Encoding.Latin1.GetString(p, (int)size);
    }
}
