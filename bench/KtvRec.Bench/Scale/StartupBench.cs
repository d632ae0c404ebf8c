using KtvRec.Bench.Report;

namespace KtvRec.Bench.Scale;

/// <summary>
/// Start-up to ready on a chain's history of growing size (<see cref="ChainHistory"/>), measured by bench/run.sh: the
/// service started on the database, its time to answer /health/ready with 200, the users it warmed and its resident
/// memory once ready. Start-up must not grow with all history: warm-up reads a bounded window of it.
/// </summary>
public static class StartupBench
{
    /// <param name="runs">One per size: events stored, seconds to ready, users warmed, resident MB when ready.</param>
    public static BenchSection Report(IReadOnlyList<(long Events, double Seconds, int Users, double ResidentMb)> runs)
    {
        var builder = new SectionBuilder("startup", "Start-up to ready on a chain's history (200,000 songs, 1,000,000 members)",
            "events stored", "to ready", "users warmed", "resident memory when ready");
        foreach (var run in runs)
        {
            builder.Row($"{run.Events:N0}", $"{run.Seconds:F1} s", $"{run.Users:N0}", $"{run.ResidentMb:F0} MB")
                .Figure($"ready_seconds_{run.Events}", run.Seconds).Figure($"users_warmed_{run.Events}", run.Users)
                .Figure($"rss_ready_mb_{run.Events}", run.ResidentMb);
        }
        if (runs.Count > 1)
        {
            builder.Note($"Ratio of the largest history's time to ready to the smallest's: {runs[^1].Seconds / runs[0].Seconds:F2} for " +
                         $"{(double)runs[^1].Events / runs[0].Events:F0}× the events.");
        }
        return builder
            .Note("Events generated straight into SQLite over the last 180 days (KtvRec.Bench startup-data), singers and songs skewed; " +
                  "the service started with training off (no model: popularity serves), defaults otherwise (WarmDays 365, MaxUsers 200,000).")
            .Build();
    }
}
