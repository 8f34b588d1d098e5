using System.Collections.Concurrent;
using Tachyon.Engine.Serialization;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Responses finished by a lane, handed back to Kestrel in batches. Completing a request runs its
/// continuation (writing the response), which must never happen on a lane thread holding the GIL.
/// Normally a lane writes its batch itself once it stops draining and has released the GIL
/// (<see cref="CompleteInline"/>): no thread hand-off at all. A lane that keeps draining hands a full
/// batch to one pool thread; the sync-lane supervisor flushes every lane's batch when one stalls, so a
/// handler blocking in I/O does not hold back responses finished before it.
/// </summary>
internal sealed class CompletionBatch
{
    // Large: every hand-off to the pool costs thread wake-ups (at 32, /items at 256 connections took
    // 34-43 us of CPU per request, at 512 about 30). A batch waits for at most the lane's drain (the
    // loop lane's is capped at 256 requests).
    const int MaxBatch = 512;
    // Small: a resumed coroutine completes a batch of one, and a list sized for MaxBatch is 8 KiB to zero.
    const int InitialCapacity = 16;

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
            (_items ??= new(InitialCapacity)).Add((item, response));
            if (_items.Count >= MaxBatch) FlushLocked();
        }
    }

    public bool IsEmpty
    {
        get { lock (_lock) return _items == null || _items.Count == 0; }
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
