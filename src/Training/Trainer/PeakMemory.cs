using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace KtvRec.Training.Trainer;

/// <summary>
/// The process's peak resident memory over a training run, stage by stage: Linux's high-water mark (VmHWM in
/// /proc/self/status), reset at each stage (/proc/self/clear_refs) so that each stage's own peak is seen. The run's peak
/// is the highest of them; it covers the whole process (in the service, the serving state too), which is what a host's
/// memory limit sees. Off Linux nothing is measured and <see cref="RunPeakMb"/> stays null.
/// </summary>
public sealed class PeakMemory
{
    private const string Status = "/proc/self/status";
    private const string ClearRefs = "/proc/self/clear_refs";

    private readonly ILogger? _logger;
    private readonly Stopwatch _stage = Stopwatch.StartNew();
    private bool _canReset = true;

    public PeakMemory(ILogger? logger)
    {
        _logger = logger;
        Reset();
    }

    /// <summary>The highest resident memory any stage reached, in MB.</summary>
    public double? RunPeakMb { get; private set; }

    /// <summary>
    /// Records the stage that just ended: its time and peak, which also counts toward the run's. Then its garbage is collected
    /// (<see cref="NativeMemory.CollectBetweenStages"/>), so that the next stage does not peak on top of it.
    /// </summary>
    public void StageEnded(string stage)
    {
        var seconds = _stage.Elapsed.TotalSeconds;
        var peak = ReadMb("VmHWM:");
        var atEnd = ReadMb("VmRSS:");
        var pause = NativeMemory.CollectBetweenStages();
        if (peak is not null)
        {
            RunPeakMb = Math.Max(RunPeakMb ?? 0, peak.Value);
            _logger?.LogInformation(
                "Training stage {Stage}: {Seconds:F1} s, peak resident memory {PeakMb:F0} MB, {EndMb:F0} MB at its end, {CollectedMb:F0} MB once its garbage was collected ({PauseMs:F0} ms pause); managed heap {HeapMb:F0} MB",
                stage, seconds, peak, atEnd, ReadMb("VmRSS:"), pause.TotalMilliseconds, GC.GetTotalMemory(false) / 1048576.0);
        }
        Reset();
        _stage.Restart();
    }

    private void Reset()
    {
        if (!_canReset || !OperatingSystem.IsLinux()) return;
        try
        {
            // "5" resets the peak only (proc(5)); nothing else about the process changes.
            File.WriteAllText(ClearRefs, "5");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A kernel or sandbox that refuses it: the marks then only grow, and the run's peak is still right.
            _canReset = false;
        }
    }

    private static double? ReadMb(string field)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Status)) return null;
        foreach (var line in File.ReadLines(Status))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var kilobytes = line[field.Length..].Trim().Split(' ')[0];
            return long.TryParse(kilobytes, out var value) ? value / 1024.0 : null;
        }
        return null;
    }
}
