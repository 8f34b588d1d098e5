using System.Runtime.InteropServices;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// How many times the calling thread has gone to sleep of its own accord (getrusage's ru_nvcsw for
/// RUSAGE_THREAD): it rises when code waits (a socket, a lock, time.sleep, a file read from disk, the GIL
/// taken back from another thread), and not when the thread is merely preempted (that is ru_nivcsw).
/// </summary>
internal static unsafe partial class VoluntarySwitches
{
    const int RusageThread = 1;
    // struct rusage on 64-bit Linux: two timevals (32 bytes), then 14 longs; ru_nvcsw is the 13th of those.
    const int Size = 32 + 14 * 8, NvcswOffset = 32 + 12 * 8;

    public static long OfThisThread()
    {
        byte* usage = stackalloc byte[Size];
        return getrusage(RusageThread, usage) == 0 ? *(long*)(usage + NvcswOffset) : -1;
    }

    [LibraryImport("libc")]
    private static partial int getrusage(int who, byte* usage);
}
