using System.Runtime.InteropServices;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// A POSIX semaphore (glibc: an atomic count and a futex) for the sync lanes to park on between drains.
/// SemaphoreSlim spins with sched_yield before it parks; a lane between drains is its worst case (nothing
/// arrives within the spin, and each yield hands the core to another thread). With the socket work inline
/// on the epoll threads that spinning cost about one context switch per request on def routes; sem_wait
/// parks at once, and sem_post makes a syscall only when a lane is parked.
/// The semaphore lives as long as the process (lanes never stop waiting on a destroyed one).
/// </summary>
internal sealed unsafe partial class ParkingSemaphore
{
    const int SemTSize = 64;   // sizeof(sem_t) is 32 on 64-bit glibc; room to spare
    const int EINTR = 4;
    readonly void* _sem;

    public ParkingSemaphore()
    {
        _sem = NativeMemory.AlignedAlloc(SemTSize, 16);
        NativeMemory.Clear(_sem, SemTSize);
        if (sem_init(_sem, 0, 0) != 0) throw new InvalidOperationException($"sem_init failed (errno {Marshal.GetLastPInvokeError()})");
    }

    public void Wait()
    {
        while (sem_wait(_sem) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) throw new InvalidOperationException($"sem_wait failed (errno {errno})");
        }
    }

    public void Release(int count = 1)
    {
        for (int i = 0; i < count; i++) sem_post(_sem);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sem_init(void* sem, int pshared, uint value);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sem_wait(void* sem);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sem_post(void* sem);
}
