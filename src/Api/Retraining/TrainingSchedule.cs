using Hangfire;
using Hangfire.Storage;

namespace KtvRec.Api.Retraining;

/// <summary>When the recurring retrains run, as Hangfire holds them (shared by every node).</summary>
/// <param name="Full">The full retrain's cron (UTC, <c>KtvRec:Training:Cron</c>); null: not scheduled.</param>
/// <param name="NextFull">When it runs next (UTC).</param>
/// <param name="Incremental">The incremental retrain's cron (UTC, <c>KtvRec:Training:IncrementalCron</c>); null: not scheduled.</param>
/// <param name="NextIncremental">When it runs next (UTC).</param>
internal sealed record TrainingSchedule(string? Full, DateTime? NextFull, string? Incremental, DateTime? NextIncremental)
{
    public static TrainingSchedule Read(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs([ModelStartup.RecurringJobId, ModelStartup.IncrementalJobId])
            .Where(job => !job.Removed)
            .ToDictionary(job => job.Id);
        var full = jobs.GetValueOrDefault(ModelStartup.RecurringJobId);
        var incremental = jobs.GetValueOrDefault(ModelStartup.IncrementalJobId);
        return new TrainingSchedule(full?.Cron, full?.NextExecution, incremental?.Cron, incremental?.NextExecution);
    }
}
