using System.Buffers;
using Tachyon.Engine.Boundary;

namespace Tachyon.Engine.Serialization;

internal enum WriteOutcome { Ok, Unsupported, PythonError }

/// <summary>
/// Writes Python objects as JSON, byte-for-byte what FastAPI sends: <c>json.dumps(ensure_ascii=False,
/// allow_nan=False, separators=(",", ":"))</c> encoded as UTF-8. Handles the JSON-native exact types
/// (dict, list, tuple, str, int, float, bool, None); anything else returns Unsupported and the
/// caller runs it through jsonable_encoder first, then through json.dumps itself if the writer still
/// cannot take it (subclasses of str, int and float stay subclasses there). Needs the GIL.
/// </summary>
internal static unsafe class PyJsonWriter
{
    const int MaxDepth = 256;
    static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (byte)i), (byte)'"', (byte)'\\']);

    public static WriteOutcome Write(nint o, JsonBuffer w, int depth = 0)
    {
        if (o == CPython.None) { w.Put("null"u8); return WriteOutcome.Ok; }
        if (o == CPython.True) { w.Put("true"u8); return WriteOutcome.Ok; }
        if (o == CPython.False) { w.Put("false"u8); return WriteOutcome.Ok; }
        if (depth > MaxDepth) return WriteOutcome.Unsupported;
        nint type = CPython.TypeOf(o);
        if (type == CPython.StrType) return WriteString(o, w);
        if (type == CPython.IntType) return WriteInt(o, w);
        if (type == CPython.FloatType) return WriteFloat(o, w);
        if (type == CPython.DictType) return WriteDict(o, w, depth);
        if (type == CPython.ListType) return WriteSequence(o, w, depth, CPython.ListSize, CPython.ListGetItem);
        if (type == CPython.TupleType) return WriteSequence(o, w, depth, CPython.TupleSize, CPython.TupleGetItem);
        return WriteOutcome.Unsupported;
    }

    static WriteOutcome WriteString(nint o, JsonBuffer w)
    {
        nint size;
        byte* p = CPython.UnicodeAsUtf8AndSize(o, &size);   // fails on lone surrogates, as .encode("utf-8") does
        if (p == null) return WriteOutcome.PythonError;
        WriteUtf8String(new ReadOnlySpan<byte>(p, (int)size), w);
        return WriteOutcome.Ok;
    }

    public static void WriteUtf8String(ReadOnlySpan<byte> s, JsonBuffer w)
    {
        w.Put((byte)'"');
        while (true)
        {
            int i = s.IndexOfAny(NeedsEscape);
            if (i < 0) { w.Put(s); break; }
            w.Put(s[..i]);
            WriteEscape(s[i], w);
            s = s[(i + 1)..];
        }
        w.Put((byte)'"');
    }

    static void WriteEscape(byte b, JsonBuffer w)
    {
        switch (b)
        {
            case (byte)'"': w.Put("\\\""u8); break;
            case (byte)'\\': w.Put("\\\\"u8); break;
            case (byte)'\n': w.Put("\\n"u8); break;
            case (byte)'\r': w.Put("\\r"u8); break;
            case (byte)'\t': w.Put("\\t"u8); break;
            case (byte)'\b': w.Put("\\b"u8); break;
            case (byte)'\f': w.Put("\\f"u8); break;
            default:
                // json.dumps writes other control characters as \u00XX with lowercase hex.
                var span = w.Reserve(6);
                "\\u00"u8.CopyTo(span);
                span[4] = Hex(b >> 4);
                span[5] = Hex(b & 0xF);
                w.Advance(6);
                break;
        }
    }

    static byte Hex(int v) => (byte)(v < 10 ? '0' + v : 'a' + v - 10);

    static WriteOutcome WriteInt(nint o, JsonBuffer w)
    {
        int overflow;
        long v = CPython.LongAsLongLongAndOverflow(o, &overflow);
        if (overflow == 0)
        {
            var span = w.Reserve(20);
            v.TryFormat(span, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
            w.Advance(n);
            return WriteOutcome.Ok;
        }
        nint text = CPython.ObjectStr(o);   // arbitrary precision: Python's own digits
        if (text == 0) return WriteOutcome.PythonError;
        nint size;
        byte* p = CPython.UnicodeAsUtf8AndSize(text, &size);
        w.Put(new ReadOnlySpan<byte>(p, (int)size));
        CPython.DecRef(text);
        return WriteOutcome.Ok;
    }

    static WriteOutcome WriteFloat(nint o, JsonBuffer w)
    {
        double d = CPython.FloatAsDouble(o);
        if (!double.IsFinite(d))
        {
            // json.dumps(allow_nan=False) raises the error, in the running Python's words (3.13 adds the value).
            nint body = CPython.CallOneArg(PythonHelpers.JsonBody, o);
            if (body != 0)
            {
                CPython.DecRef(body);
                CPython.SetError(CPython.ValueError, "Out of range float values are not JSON compliant");
            }
            return WriteOutcome.PythonError;
        }
        var span = w.Reserve(32);
        w.Advance(PythonFloatFormatter.Format(d, span));
        return WriteOutcome.Ok;
    }

    static WriteOutcome WriteDict(nint o, JsonBuffer w, int depth)
    {
        w.Put((byte)'{');
        nint pos = 0, key, value;
        bool first = true;
        // PyDict_Next hands out borrowed references; nothing here runs Python code that could mutate the dict.
        while (CPython.DictNext(o, &pos, &key, &value) != 0)
        {
            WriteOutcome r;
            if (CPython.TypeOf(key) == CPython.StrType)
            {
                nint size;
                byte* p = CPython.UnicodeAsUtf8AndSize(key, &size);   // fails on lone surrogates, as .encode("utf-8") does
                if (p == null) return WriteOutcome.PythonError;
                var name = new ReadOnlySpan<byte>(p, (int)size);
                // jsonable_encoder(sqlalchemy_safe=True) drops "_sa..." keys: an ORM object's __dict__ returned as is.
                if (name.StartsWith("_sa"u8)) continue;
                if (!first) w.Put((byte)',');
                WriteUtf8String(name, w);
            }
            else
            {
                if (!first) w.Put((byte)',');
                r = WriteKey(key, w);
                if (r != WriteOutcome.Ok) return r;
            }
            first = false;
            w.Put((byte)':');
            r = Write(value, w, depth + 1);
            if (r != WriteOutcome.Ok) return r;
        }
        w.Put((byte)'}');
        return WriteOutcome.Ok;
    }

    /// <summary>
    /// json.dumps turns int, float, bool and None keys into strings (<c>{1: 2.5}</c> is <c>{"1":2.5}</c>); jsonable_encoder
    /// leaves them as they are, so FastAPI answers with those strings. Other keys (enums, dates, ...) take jsonable_encoder.
    /// </summary>
    static WriteOutcome WriteKey(nint key, JsonBuffer w)
    {
        nint type = CPython.TypeOf(key);
        if (key == CPython.None) { w.Put("\"null\""u8); return WriteOutcome.Ok; }
        if (key == CPython.True) { w.Put("\"true\""u8); return WriteOutcome.Ok; }
        if (key == CPython.False) { w.Put("\"false\""u8); return WriteOutcome.Ok; }
        if (type != CPython.IntType && type != CPython.FloatType) return WriteOutcome.Unsupported;
        w.Put((byte)'"');
        var r = type == CPython.IntType ? WriteInt(key, w) : WriteFloat(key, w);
        w.Put((byte)'"');
        return r;
    }

    static WriteOutcome WriteSequence(nint o, JsonBuffer w, int depth,
        delegate* unmanaged[SuppressGCTransition]<nint, nint> size, delegate* unmanaged[SuppressGCTransition]<nint, nint, nint> item)
    {
        w.Put((byte)'[');
        nint n = size(o);
        for (nint i = 0; i < n; i++)
        {
            if (i > 0) w.Put((byte)',');
            var r = Write(item(o, i), w, depth + 1);   // borrowed reference
            if (r != WriteOutcome.Ok) return r;
        }
        w.Put((byte)']');
        return WriteOutcome.Ok;
    }

}
