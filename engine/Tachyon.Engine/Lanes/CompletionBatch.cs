using System.Collections.Concurrent;
using Tachyon.Engine.Serialization;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Responses finished by a lane, handed back to Kestrel in batches. Completing a request runs its
/// continuation (writing the response), which must never happen on a lane thread holding the GIL;
/// queueing one thread-pool item per batch, rather than one per request, saves a thread hand-off per
/// request. The continuations then run inline, one after another, on that pool thread.
/// Each lane thread has its own batch; the sync-lane supervisor flushes them all when a lane stalls,
/// so a handler blocking in I/O does not hold back responses finished before it.
/// </summary>
internal sealed class CompletionBatch
{
    const int MaxBatch = 32;

    static readonly ConcurrentBag<CompletionBatch> All = [];
    [ThreadStatic] static CompletionBatch? _current;

    readonly object _lock = new();
    List<(WorkItem Item, ResponseData Response)>? _items;

    public static CompletionBatch Current
    {
        get
        {
            if (_current != null) return _current;
            _current = new CompletionBatch();
            All.Add(_current);
            return _current;
        }
    }

    public static void FlushAll()
    {
        foreach (var batch in All) batch.Flush();
    }

    public void Add(WorkItem item, ResponseData response)
    {
        lock (_lock)
        {
            (_items ??= new(MaxBatch)).Add((item, response));
            if (_items.Count >= MaxBatch) FlushLocked();
        }
    }

    /// <summary>Hands the batch to the thread pool; lanes call this before they stop draining.</summary>
    public void Flush()
    {
        lock (_lock) FlushLocked();
    }

    /// <summary>
    /// Completes the batch on this thread. Only for a lane that has released the GIL: the responses are
    /// written right here, with no thread hand-off, while another lane may hold the GIL.
    /// </summary>
    public void CompleteInline()
    {
        List<(WorkItem Item, ResponseData Response)>? items;
        lock (_lock)
        {
            items = _items;
            _items = null;
        }
        if (items == null) return;
        Complete(items);
    }

    static void Complete(List<(WorkItem Item, ResponseData Response)> batch)
    {
        foreach (var (item, response) in batch) item.Completion.TrySetResult(response);
    }

    void FlushLocked()
    {
        var items = _items;
        if (items == null || items.Count == 0) return;
        _items = null;
        ThreadPool.UnsafeQueueUserWorkItem(Complete, items, preferLocal: false);
    }
}
