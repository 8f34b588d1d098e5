using System.Runtime.InteropServices;

namespace Tachyon.Engine.Boundary;

/// <summary>
/// The CPython C-API, resolved once from the host process (libpython is already loaded: Python is the host).
/// Every call here needs the GIL (the engine makes them on a thread that holds it), except the thread-state
/// ones (InterpreterStateMain, ThreadStateNew, GilStateGetThisThreadState) used to take it.
/// Only exported API functions are used, and one struct offset (<c>ob_type</c>, see TypeOf) found at start-up by
/// checking it against the API, so the engine keeps working where the object layout differs (free-threaded builds).
/// Leaf calls are declared <c>unmanaged[SuppressGCTransition]</c>: the JSON writer and the binder make thousands per
/// request, and the switch to preemptive mode and back cost more than the call. Only functions that never run
/// Python code qualify (no Py_DecRef: a finalizer may run; no container allocation: it may start a collection;
/// no conversion that may call __index__ or __float__ on the types they are used with), since Python code
/// could call back into the engine while the runtime still counts the thread as running managed code.
/// </summary>
internal static unsafe class CPython
{
    public static delegate* unmanaged[SuppressGCTransition]<nint, void> IncRef;
    public static delegate* unmanaged<nint, void> DecRef;
    public static delegate* unmanaged[SuppressGCTransition]<nint, nint> ObjectType;
    public static delegate* unmanaged<nint, nint, int> IsInstance;
    public static delegate* unmanaged<nint, nint, nint, nint> Call;
    public static delegate* unmanaged<nint, nint*, nuint, nint, nint> Vectorcall;
    public static delegate* unmanaged<nint, nint> CallNoArgs;
    public static delegate* unmanaged<nint, nint, nint> CallOneArg;
    public static delegate* unmanaged<nint, byte*, nint> GetAttrString;
    public static delegate* unmanaged<nint, nint> ObjectStr;
    public static delegate* unmanaged<nint, int> ObjectIsTrue;
    public static delegate* unmanaged<nint> EvalSaveThread;
    public static delegate* unmanaged<nint, void> EvalRestoreThread;
    public static delegate* unmanaged<nint> InterpreterStateMain;
    public static delegate* unmanaged<nint, nint> ThreadStateNew;
    public static delegate* unmanaged<nint> GilStateGetThisThreadState;
    public static delegate* unmanaged<nuint> ThreadGetIdent;   // what threading.get_ident() returns
    public static delegate* unmanaged<nint, nint> ObjectSize;
    public static delegate* unmanaged<nint, nint> ContextCopy;
    public static delegate* unmanaged<nint> ContextCopyCurrent;
    public static delegate* unmanaged<nint, int> ContextEnter;
    public static delegate* unmanaged<nint, int> ContextExit;
    public static delegate* unmanaged<nint, nint, nint, int> ObjectSetAttr;
    public static delegate* unmanaged<nint, nint, nint, nint, nint> CMethodNew;
    public static delegate* unmanaged<nint, nint*, nuint, nint, nint> VectorcallMethod;

    public static delegate* unmanaged[SuppressGCTransition]<long, nint> LongFromLongLong;
    public static delegate* unmanaged<nint, int*, long> LongAsLongLongAndOverflow;
    public static delegate* unmanaged<byte*, byte**, int, nint> LongFromString;
    public static delegate* unmanaged[SuppressGCTransition]<double, nint> FloatFromDouble;
    public static delegate* unmanaged[SuppressGCTransition]<nint, double> FloatAsDouble;
    public static delegate* unmanaged[SuppressGCTransition]<byte*, nint, byte*, nint> UnicodeDecodeUtf8;
    public static delegate* unmanaged[SuppressGCTransition]<nint, nint*, byte*> UnicodeAsUtf8AndSize;
    public static delegate* unmanaged<byte*, nint> UnicodeInternFromString;
    public static delegate* unmanaged[SuppressGCTransition]<byte*, nint, nint> BytesFromStringAndSize;
    public static delegate* unmanaged<nint, byte**, nint*, int> BytesAsStringAndSize;

    public static delegate* unmanaged<nint, nint> TupleNew;
    public static delegate* unmanaged<nint, nint, nint, int> TupleSetItem;
    public static delegate* unmanaged[SuppressGCTransition]<nint, nint> TupleSize;
    public static delegate* unmanaged[SuppressGCTransition]<nint, nint, nint> TupleGetItem;
    public static delegate* unmanaged<nint, nint> ListNew;
    public static delegate* unmanaged<nint, nint, nint, int> ListSetItem;
    public static delegate* unmanaged[SuppressGCTransition]<nint, nint> ListSize;
    public static delegate* unmanaged[SuppressGCTransition]<nint, nint, nint> ListGetItem;
    public static delegate* unmanaged<nint> DictNew;
    public static delegate* unmanaged<nint, nint, nint, int> DictSetItem;
    public static delegate* unmanaged[SuppressGCTransition]<nint, nint*, nint*, nint*, int> DictNext;
    public static delegate* unmanaged[SuppressGCTransition]<nint, nint> DictSize;
    public static delegate* unmanaged<nint, nint, int> ListAppend;
    public static delegate* unmanaged<nint, nint, int> SetAdd;
    public static delegate* unmanaged<nint, nint, int> SetDiscard;
    public static delegate* unmanaged[SuppressGCTransition]<nint, nint> SetSize;
    public static delegate* unmanaged<nint, nint, nint> WeakrefNewRef;

    public static delegate* unmanaged<nint> ErrOccurred;
    public static delegate* unmanaged<nint*, nint*, nint*, void> ErrFetch;
    public static delegate* unmanaged<nint*, nint*, nint*, void> ErrNormalize;
    public static delegate* unmanaged<void> ErrClear;
    public static delegate* unmanaged<int, void> ErrPrintEx;
    public static delegate* unmanaged<nint, byte*, void> ErrSetString;
    public static delegate* unmanaged<nint, nint, int> ExceptionSetTraceback;

    // Singletons and exact types, for identity checks on the hot path.
    public static nint None, True, False;
    public static nint DictType, ListType, SetType, TupleType, StrType, BytesType, IntType, FloatType, BoolType;
    public static nint RuntimeError, ValueError;

    static bool _ready;

    /// <summary>Resolves every symbol; throws with the missing name if libpython lacks one.</summary>
    public static void Initialize()
    {
        if (_ready) return;
        nint lib = NativeLibrary.GetMainProgramHandle();
        nint Sym(string name)
        {
            if (NativeLibrary.TryGetExport(lib, name, out var p)) return p;
            throw new InvalidOperationException($"CPython symbol '{name}' not found in the host process");
        }

        IncRef = (delegate* unmanaged[SuppressGCTransition]<nint, void>)Sym("Py_IncRef");
        DecRef = (delegate* unmanaged<nint, void>)Sym("Py_DecRef");
        ObjectType = (delegate* unmanaged[SuppressGCTransition]<nint, nint>)Sym("PyObject_Type");
        IsInstance = (delegate* unmanaged<nint, nint, int>)Sym("PyObject_IsInstance");
        Call = (delegate* unmanaged<nint, nint, nint, nint>)Sym("PyObject_Call");
        Vectorcall = (delegate* unmanaged<nint, nint*, nuint, nint, nint>)Sym("PyObject_Vectorcall");
        CallNoArgs = (delegate* unmanaged<nint, nint>)Sym("PyObject_CallNoArgs");
        CallOneArg = (delegate* unmanaged<nint, nint, nint>)Sym("PyObject_CallOneArg");
        GetAttrString = (delegate* unmanaged<nint, byte*, nint>)Sym("PyObject_GetAttrString");
        ObjectStr = (delegate* unmanaged<nint, nint>)Sym("PyObject_Str");
        ObjectIsTrue = (delegate* unmanaged<nint, int>)Sym("PyObject_IsTrue");
        EvalSaveThread = (delegate* unmanaged<nint>)Sym("PyEval_SaveThread");
        EvalRestoreThread = (delegate* unmanaged<nint, void>)Sym("PyEval_RestoreThread");
        InterpreterStateMain = (delegate* unmanaged<nint>)Sym("PyInterpreterState_Main");
        ThreadStateNew = (delegate* unmanaged<nint, nint>)Sym("PyThreadState_New");
        GilStateGetThisThreadState = (delegate* unmanaged<nint>)Sym("PyGILState_GetThisThreadState");
        ThreadGetIdent = (delegate* unmanaged<nuint>)Sym("PyThread_get_thread_ident");
        ObjectSize = (delegate* unmanaged<nint, nint>)Sym("PyObject_Size");
        ContextCopy = (delegate* unmanaged<nint, nint>)Sym("PyContext_Copy");
        ContextCopyCurrent = (delegate* unmanaged<nint>)Sym("PyContext_CopyCurrent");
        ContextEnter = (delegate* unmanaged<nint, int>)Sym("PyContext_Enter");
        ContextExit = (delegate* unmanaged<nint, int>)Sym("PyContext_Exit");
        ObjectSetAttr = (delegate* unmanaged<nint, nint, nint, int>)Sym("PyObject_SetAttr");
        CMethodNew = (delegate* unmanaged<nint, nint, nint, nint, nint>)Sym("PyCMethod_New");
        VectorcallMethod = (delegate* unmanaged<nint, nint*, nuint, nint, nint>)Sym("PyObject_VectorcallMethod");

        LongFromLongLong = (delegate* unmanaged[SuppressGCTransition]<long, nint>)Sym("PyLong_FromLongLong");
        LongAsLongLongAndOverflow = (delegate* unmanaged<nint, int*, long>)Sym("PyLong_AsLongLongAndOverflow");
        LongFromString = (delegate* unmanaged<byte*, byte**, int, nint>)Sym("PyLong_FromString");
        FloatFromDouble = (delegate* unmanaged[SuppressGCTransition]<double, nint>)Sym("PyFloat_FromDouble");
        FloatAsDouble = (delegate* unmanaged[SuppressGCTransition]<nint, double>)Sym("PyFloat_AsDouble");
        UnicodeDecodeUtf8 = (delegate* unmanaged[SuppressGCTransition]<byte*, nint, byte*, nint>)Sym("PyUnicode_DecodeUTF8");
        UnicodeAsUtf8AndSize = (delegate* unmanaged[SuppressGCTransition]<nint, nint*, byte*>)Sym("PyUnicode_AsUTF8AndSize");
        UnicodeInternFromString = (delegate* unmanaged<byte*, nint>)Sym("PyUnicode_InternFromString");
        BytesFromStringAndSize = (delegate* unmanaged[SuppressGCTransition]<byte*, nint, nint>)Sym("PyBytes_FromStringAndSize");
        BytesAsStringAndSize = (delegate* unmanaged<nint, byte**, nint*, int>)Sym("PyBytes_AsStringAndSize");

        TupleNew = (delegate* unmanaged<nint, nint>)Sym("PyTuple_New");
        TupleSetItem = (delegate* unmanaged<nint, nint, nint, int>)Sym("PyTuple_SetItem");
        TupleSize = (delegate* unmanaged[SuppressGCTransition]<nint, nint>)Sym("PyTuple_Size");
        TupleGetItem = (delegate* unmanaged[SuppressGCTransition]<nint, nint, nint>)Sym("PyTuple_GetItem");
        ListNew = (delegate* unmanaged<nint, nint>)Sym("PyList_New");
        ListSetItem = (delegate* unmanaged<nint, nint, nint, int>)Sym("PyList_SetItem");
        ListSize = (delegate* unmanaged[SuppressGCTransition]<nint, nint>)Sym("PyList_Size");
        ListGetItem = (delegate* unmanaged[SuppressGCTransition]<nint, nint, nint>)Sym("PyList_GetItem");
        DictNew = (delegate* unmanaged<nint>)Sym("PyDict_New");
        DictSetItem = (delegate* unmanaged<nint, nint, nint, int>)Sym("PyDict_SetItem");
        DictNext = (delegate* unmanaged[SuppressGCTransition]<nint, nint*, nint*, nint*, int>)Sym("PyDict_Next");
        DictSize = (delegate* unmanaged[SuppressGCTransition]<nint, nint>)Sym("PyDict_Size");
        ListAppend = (delegate* unmanaged<nint, nint, int>)Sym("PyList_Append");
        SetAdd = (delegate* unmanaged<nint, nint, int>)Sym("PySet_Add");
        SetDiscard = (delegate* unmanaged<nint, nint, int>)Sym("PySet_Discard");
        SetSize = (delegate* unmanaged[SuppressGCTransition]<nint, nint>)Sym("PySet_Size");
        WeakrefNewRef = (delegate* unmanaged<nint, nint, nint>)Sym("PyWeakref_NewRef");

        ErrOccurred = (delegate* unmanaged<nint>)Sym("PyErr_Occurred");
        ErrFetch = (delegate* unmanaged<nint*, nint*, nint*, void>)Sym("PyErr_Fetch");
        ErrNormalize = (delegate* unmanaged<nint*, nint*, nint*, void>)Sym("PyErr_NormalizeException");
        ErrClear = (delegate* unmanaged<void>)Sym("PyErr_Clear");
        ErrPrintEx = (delegate* unmanaged<int, void>)Sym("PyErr_PrintEx");
        ErrSetString = (delegate* unmanaged<nint, byte*, void>)Sym("PyErr_SetString");
        ExceptionSetTraceback = (delegate* unmanaged<nint, nint, int>)Sym("PyException_SetTraceback");

        None = Sym("_Py_NoneStruct");
        True = Sym("_Py_TrueStruct");
        False = Sym("_Py_FalseStruct");
        DictType = Sym("PyDict_Type");
        ListType = Sym("PyList_Type");
        SetType = Sym("PySet_Type");
        TupleType = Sym("PyTuple_Type");
        StrType = Sym("PyUnicode_Type");
        BytesType = Sym("PyBytes_Type");
        IntType = Sym("PyLong_Type");
        FloatType = Sym("PyFloat_Type");
        BoolType = Sym("PyBool_Type");
        RuntimeError = *(nint*)Sym("PyExc_RuntimeError");
        ValueError = *(nint*)Sym("PyExc_ValueError");
        _typeOffset = FindTypeOffset();
        _ready = true;
    }

    /// <summary>The exact type of <paramref name="o"/> as a borrowed pointer (types outlive the objects we inspect).</summary>
    public static nint TypeOf(nint o)
    {
        if (_typeOffset > 0) return *(nint*)(o + _typeOffset);
        nint t = ObjectType(o);
        DecRef(t);
        return t;
    }

    /// <summary>Where <c>ob_type</c> sits in an object, found by asking PyObject_Type about objects of several types,
    /// or 0 (ask every time) if no offset agrees for all. The JSON writer reads the type of every value it meets;
    /// two API calls each cost more than the rest of writing a small int. Found rather than assumed, so a build with
    /// another layout (free-threaded) still gets the right answer.</summary>
    static int _typeOffset;

    static int FindTypeOffset()
    {
        nint[] samples = [LongFromLongLong(1_234_567_890_123), NewStr("tachyon"), DictNew(), FloatFromDouble(0.5)];
        try
        {
            for (int offset = sizeof(nint); offset <= 4 * sizeof(nint); offset += sizeof(nint))
            {
                bool agrees = true;
                foreach (nint o in samples)
                {
                    nint t = ObjectType(o);
                    DecRef(t);
                    agrees &= o != 0 && *(nint*)(o + offset) == t;
                }
                if (agrees) return offset;
            }
            return 0;
        }
        finally
        {
            foreach (nint o in samples) if (o != 0) DecRef(o);
        }
    }

    public static nint NewStr(string s)
    {
        int max = System.Text.Encoding.UTF8.GetMaxByteCount(s.Length);
        Span<byte> buf = max <= 512 ? stackalloc byte[max] : new byte[max];
        int n = System.Text.Encoding.UTF8.GetBytes(s, buf);
        fixed (byte* p = buf) return UnicodeDecodeUtf8(p, n, null);
    }

    /// <summary>An interned str for a name the engine passes often (attribute, method and keyword names): Python
    /// compares those by identity first, and setting an attribute with a name not yet interned interns it again
    /// on every call.</summary>
    public static nint InternedStr(string ascii)
    {
        Span<byte> buf = stackalloc byte[ascii.Length + 1];
        for (int i = 0; i < ascii.Length; i++) buf[i] = (byte)ascii[i];
        buf[ascii.Length] = 0;
        fixed (byte* p = buf) return UnicodeInternFromString(p);
    }

    public static nint NewStr(ReadOnlySpan<byte> utf8)
    {
        fixed (byte* p = utf8) return UnicodeDecodeUtf8(p, utf8.Length, null);
    }

    public static nint NewBytes(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data) return BytesFromStringAndSize(p, data.Length);
    }

    /// <summary>New references to the items of a tuple Python handed over, which must have exactly
    /// as many items as <paramref name="expected"/> names.</summary>
    public static nint[] TupleItems(nint tuple, params string[] expected)
    {
        if (TupleSize(tuple) != expected.Length) throw new ArgumentException($"expected ({string.Join(", ", expected)})");
        var items = new nint[expected.Length];
        for (int i = 0; i < items.Length; i++) items[i] = NewRef(TupleGetItem(tuple, i));
        return items;
    }

    public const int MethNoArgs = 0x0004, MethO = 0x0008, MethFastcallKeywords = 0x0080 | 0x0002;   // METH_NOARGS; METH_O; METH_FASTCALL | METH_KEYWORDS

    /// <summary>A Python builtin function (owned) calling the native <paramref name="function"/> with the
    /// given METH_* calling convention; its PyMethodDef and name live as long as the process.</summary>
    public static nint NewFunction(string name, nint function, int flags)
    {
        var def = (nint*)NativeMemory.AllocZeroed((nuint)(4 * sizeof(nint)));   // a PyMethodDef, never freed
        def[0] = Marshal.StringToCoTaskMemUTF8(name);
        def[1] = function;
        *(int*)&def[2] = flags;
        nint made = CMethodNew((nint)def, 0, 0, 0);
        if (made == 0) throw new InvalidOperationException($"cannot create the native function {name}");
        return made;
    }

    public static nint NewRef(nint o)
    {
        IncRef(o);
        return o;
    }

    /// <summary>Copies a Python str into a .NET string (the UTF-8 buffer belongs to the str).</summary>
    public static string? ToManagedString(nint str)
    {
        nint size;
        byte* p = UnicodeAsUtf8AndSize(str, &size);
        if (p == null) { ErrClear(); return null; }
        return System.Text.Encoding.UTF8.GetString(p, (int)size);
    }

    public static nint GetAttr(nint o, string name)
    {
        Span<byte> buf = stackalloc byte[name.Length * 3 + 1];
        int n = System.Text.Encoding.UTF8.GetBytes(name, buf);
        buf[n] = 0;
        fixed (byte* p = buf) return GetAttrString(o, p);
    }

    /// <summary>Takes the pending exception as one normalized object (with its traceback); 0 if none.</summary>
    public static nint FetchException()
    {
        nint type, value, tb;
        ErrFetch(&type, &value, &tb);
        if (type == 0) return 0;
        ErrNormalize(&type, &value, &tb);
        if (tb != 0 && value != 0) ExceptionSetTraceback(value, tb);
        DecRef(type);
        if (tb != 0) DecRef(tb);
        return value;
    }

    public static void SetError(string message) => SetError(RuntimeError, message);

    public static void SetError(nint type, string message)
    {
        Span<byte> buf = new byte[System.Text.Encoding.UTF8.GetMaxByteCount(message.Length) + 1];
        int n = System.Text.Encoding.UTF8.GetBytes(message, buf);
        buf[n] = 0;
        fixed (byte* p = buf) ErrSetString(type, p);
    }
}
