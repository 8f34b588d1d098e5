using System.Runtime.InteropServices;
using Tachyon.Engine.Boundary;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// asyncio keeps every Task in one WeakSet (<c>asyncio.tasks._all_tasks</c>) for <c>asyncio.all_tasks()</c>.
/// Python 3.11's C Task calls that set's <c>add</c>, written in Python, and the weak reference it makes calls
/// the set's <c>_remove</c>, also Python, when the task dies: two Python frames per request (about 1.3 µs
/// of CPU per request in the loaded server, measured by leaving tasks out of the set). This installs native
/// equivalents on the same set, doing the same steps to the same <c>data</c> set: <c>add</c> as an instance
/// attribute (found before the class's method), and a native remove callback on the references it makes.
/// <c>all_tasks()</c>, iteration guards and discard keep working unchanged. GIL held throughout.
/// </summary>
internal static unsafe class TaskRegistry
{
    // Owned, for the life of the process: the WeakSet, its data set, _iterating set and _pending_removals
    // list (WeakSet never replaces them), the class's add, and the native remove.
    static nint _weakSet, _data, _iterating, _pendingRemovals, _classAdd, _remove;

    /// <summary>Installs the native add on <paramref name="weakSet"/> (borrowed), once per process; leaves
    /// None (a Python without that set) and a set whose layout is not WeakSet's as they are.</summary>
    public static void Attach(nint weakSet)
    {
        if (_weakSet != 0 || weakSet == CPython.None) return;
        nint data = CPython.GetAttr(weakSet, "data"), iterating = CPython.GetAttr(weakSet, "_iterating");
        nint pending = CPython.GetAttr(weakSet, "_pending_removals");
        nint classAdd = CPython.GetAttr(CPython.TypeOf(weakSet), "add");
        nint[] found = [data, iterating, pending, classAdd];
        if (Array.IndexOf(found, 0) >= 0 || CPython.TypeOf(data) != CPython.SetType
            || CPython.TypeOf(iterating) != CPython.SetType || CPython.TypeOf(pending) != CPython.ListType)
        {
            CPython.ErrClear();
            foreach (var o in found) if (o != 0) CPython.DecRef(o);
            return;
        }
        _remove = CPython.NewFunction("remove_task_reference", (nint)(delegate* unmanaged<nint, nint, nint>)&Remove, CPython.MethO);
        nint add = CPython.NewFunction("add_task", (nint)(delegate* unmanaged<nint, nint, nint>)&Add, CPython.MethO);
        (_data, _iterating, _pendingRemovals, _classAdd) = (data, iterating, pending, classAdd);
        _weakSet = CPython.NewRef(weakSet);
        nint name = CPython.InternedStr("add");
        int failed = CPython.ObjectSetAttr(weakSet, name, add);
        CPython.DecRef(name);
        CPython.DecRef(add);
        if (failed != 0) throw new InvalidOperationException("cannot install the native add on asyncio's task set");
    }

    /// <summary>WeakSet.add(task): data.add(ref(task, remove)), after pending removals (rare: left to the class's add).</summary>
    [UnmanagedCallersOnly]
    static nint Add(nint self, nint task)
    {
        if (CPython.ListSize(_pendingRemovals) > 0)
        {
            nint* args = stackalloc nint[3];
            args[1] = _weakSet; args[2] = task;
            return CPython.Vectorcall(_classAdd, args + 1, 2 | Dispatcher.ArgumentsOffset, 0);
        }
        nint reference = CPython.WeakrefNewRef(task, _remove);
        if (reference == 0) return 0;
        int failed = CPython.SetAdd(_data, reference);
        CPython.DecRef(reference);
        return failed != 0 ? 0 : CPython.NewRef(CPython.None);
    }

    /// <summary>The weak reference's callback, as WeakSet's _remove: deferred while the set is iterated.</summary>
    [UnmanagedCallersOnly]
    static nint Remove(nint self, nint reference)
    {
        int failed = CPython.SetSize(_iterating) > 0
            ? CPython.ListAppend(_pendingRemovals, reference)
            : CPython.SetDiscard(_data, reference) < 0 ? -1 : 0;
        return failed != 0 ? 0 : CPython.NewRef(CPython.None);
    }
}
