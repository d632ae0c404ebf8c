using Hangfire.Server;

namespace KtvRec.Api.Retraining;

/// <summary>
/// What the registry remembers a run's Hangfire job by, to run each job once: its id with when it was created. Hangfire's
/// ids start again at 1 in a new store (its database restored without the registry's, or another storage) while the
/// registry keeps the old runs: by its id alone, every new job would be taken for one that already ran and skipped.
/// </summary>
internal static class JobKey
{
    public static string? Of(PerformContext? context) =>
        context is null ? null : $"{context.BackgroundJob.Id}@{context.BackgroundJob.CreatedAt:O}";
}
