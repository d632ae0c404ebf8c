using System.Runtime.InteropServices;

namespace KtvRec.Training.Trainer;

/// <summary>
/// glibc's allocator settings for a process that trains (and serves) with libtorch: the service and the CLI. By
/// default glibc raises its mmap threshold (up to 32 MB) after the first large buffer is freed, so later large tensors
/// come from arenas that never shrink, and each thread may get an arena of its own: resident memory then grows with every training. A fixed 4 MB
/// threshold hands large buffers back to the system when freed, while a request's tensors (under 1 MB) stay on the
/// heap (at glibc's default of 128 KB every request paid an mmap and its page faults, docs/benchmarks.md). Two arenas bound
/// the rest. (The same as MALLOC_MMAP_THRESHOLD_ and MALLOC_ARENA_MAX, without needing the environment.)
/// </summary>
public static class NativeMemory
{
    private const int ArenaMax = -8;
    private const int MmapThreshold = -3;
    private const int TrimThreshold = -1;

    /// <summary>Call first thing, before libtorch and the thread pool start allocating. Does nothing off glibc.</summary>
    public static void LimitFragmentation()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            mallopt(MmapThreshold, 4 * 1024 * 1024);
            mallopt(TrimThreshold, 4 * 1024 * 1024);
            mallopt(ArenaMax, 2);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (e.g. musl): its allocator has neither the problem nor the knob.
        }
    }

    /// <summary>
    /// After a burst that is over (a training run): a compacting full collection that also hands the managed heap's
    /// free space back to the system, then glibc's free pages inside its arenas. Without it, resident memory keeps
    /// each training's high-water mark: Server GC holds on to the heap it grew to, and glibc to the pages libtorch freed.
    /// </summary>
    public static void ReleaseAfterBurst()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Trim();
    }

    /// <summary>
    /// Between the stages of a training run (and its folds and epochs): the same, so that a stage's garbage (at 1M
    /// events, hundreds of MB of candidate lists, encodings and prepared catalogs, much of it in the large object heap,
    /// which the collector visits rarely) is handed back before the next stage peaks on top of it. A background
    /// collection would not pause requests, but neither compacts nor returns the pages: a retrain at 1M events then
    /// peaked ~330 MB higher (docs/scaling.md). Returns the collection's pause.
    /// </summary>
    public static TimeSpan CollectBetweenStages()
    {
        ReleaseAfterBurst();
        return GC.GetGCMemoryInfo(GCKind.FullBlocking).PauseDurations[0];
    }

    private static void Trim()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            malloc_trim(0);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc: nothing to trim.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
