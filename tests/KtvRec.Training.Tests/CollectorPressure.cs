namespace KtvRec.Training.Tests;

/// <summary>
/// Runs work while another thread collects the youngest generation (where a temporary Scalar lives) and runs finalizers
/// without a pause. TorchSharp 0.107 turns C# numbers (and implicit alphas) into native Scalars that only the finalizer
/// frees, and the finalizer can free one while libtorch still reads it ("Expected false to be true … toFloat at
/// Scalar.h:140", seen in CI now and then): under this pressure such a use fails at once instead of once in many runs
/// (the Adam step before 4de2489 does), at a few seconds per test rather than the half minute of full collections.
/// </summary>
internal static class CollectorPressure
{
    public static void Run(Action work)
    {
        var stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            work();
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }
}
