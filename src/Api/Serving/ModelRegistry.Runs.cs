using KtvRec.Domain.Registry;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Serving;

/// <summary>
/// Training runs and the one lease on training that all workers share: a run starts only while no other run's
/// heartbeat is fresh, and a run whose heartbeat stopped (its worker crashed or was killed) is marked failed.
/// </summary>
internal sealed partial class ModelRegistry
{
    /// <summary>
    /// Starts a run unless another one is training: both decided in one write transaction (SQLite's write lock,
    /// PostgreSQL's advisory lock), so two workers can never both start. Runs whose heartbeat is older than
    /// <paramref name="abandonedAfter"/> are marked failed first.
    /// </summary>
    /// <returns>The new run, or null and the version of the run that holds the lease.</returns>
    public async Task<(ModelVersion? Run, string? Training)> TryStartRunAsync(
        string version, string kind, string trigger, string? jobId, TimeSpan abandonedAfter, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (running, _) = await FailAbandonedAsync(abandonedAfter, cancellationToken);
        if (running.FirstOrDefault() is { } other)
        {
            await transaction.CommitAsync(cancellationToken);
            return (null, other.Version);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var run = new ModelVersion
        {
            Version = version, Kind = kind, Status = ModelStatus.Training, CreatedAt = now, HeartbeatAt = now, Trigger = trigger, JobId = jobId,
        };
        db.ModelVersions.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (run, null);
    }

    /// <summary>
    /// The training worker's "still at work"; false when the run lost its lease: another worker marked it failed (its
    /// heartbeat was late), or it is gone. A run whose worker recorded its outcome (activated, rejected) keeps it: the
    /// heartbeat still ticks while the worker finishes (the swap, the clean-up), and at 100,000 songs that took long
    /// enough for a tick to land there and fail a model that already served.
    /// </summary>
    public async Task<bool> BeatAsync(string version, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var beaten = await db.ModelVersions.Where(v => v.Version == version && v.Status == ModelStatus.Training)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.HeartbeatAt, now), cancellationToken);
        if (beaten == 1) return true;
        var status = await db.ModelVersions.AsNoTracking().Where(v => v.Version == version).Select(v => (ModelStatus?)v.Status).FirstOrDefaultAsync(cancellationToken);
        return status is not (null or ModelStatus.Failed);
    }

    /// <summary>Marks failed the runs whose worker stopped beating (at a worker's start-up); returns how many.</summary>
    public async Task<int> FailAbandonedRunsAsync(TimeSpan abandonedAfter, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (_, abandoned) = await FailAbandonedAsync(abandonedAfter, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return abandoned;
    }

    /// <summary>
    /// Records a run that ended without a model worth serving; the serving model is not touched. False, and nothing
    /// recorded, for a run the registry already made active: what failed after that (the swap, the clean-up) does not
    /// make the serving model a failed run.
    /// </summary>
    public async Task<bool> FinishAsync(ModelVersion run, ModelStatus status, string reason)
    {
        if (await db.ModelVersions.AsNoTracking().AnyAsync(v => v.Version == run.Version && v.Status == ModelStatus.Active, CancellationToken.None))
            return false;
        run.Status = status;
        run.Reason = reason;
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        // Recorded even when the run was cancelled by a shutdown: the record must not be lost with it.
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    public Task<bool> HasRunForJobAsync(string jobId, CancellationToken cancellationToken) =>
        db.ModelVersions.AnyAsync(v => v.JobId == jobId, cancellationToken);

    /// <summary>Within the caller's transaction: fails the stale runs; returns those still training (read afresh, not from this context's cache) and how many were failed.</summary>
    private async Task<(List<ModelVersion> Running, int Abandoned)> FailAbandonedAsync(TimeSpan abandonedAfter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var training = await db.ModelVersions.AsNoTracking().Where(v => v.Status == ModelStatus.Training).ToListAsync(cancellationToken);
        var abandoned = training.Where(run => (run.HeartbeatAt ?? run.CreatedAt) < now - abandonedAfter).ToList();
        foreach (var run in abandoned)
        {
            var reason = $"abandoned: its worker stopped without recording an outcome (no heartbeat since {run.HeartbeatAt ?? run.CreatedAt:u})";
            await db.ModelVersions.Where(v => v.Version == run.Version && v.Status == ModelStatus.Training).ExecuteUpdateAsync(set => set
                .SetProperty(v => v.Status, ModelStatus.Failed).SetProperty(v => v.Reason, reason).SetProperty(v => v.FinishedAt, now), cancellationToken);
            logger.LogWarning("Training run {Version} was abandoned by its worker; marked failed", run.Version);
        }
        return (training.Except(abandoned).ToList(), abandoned.Count);
    }
}
