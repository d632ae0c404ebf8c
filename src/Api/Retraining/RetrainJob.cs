using Hangfire;
using Hangfire.Server;
using KtvRec.Api.Operations;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Serving;
using KtvRec.Domain.Registry;
using KtvRec.Domain.Storage;
using KtvRec.Training.Evaluation;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Trainer;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Retraining;

/// <summary>
/// One training run: a consistent snapshot of the venue, the ranker selected and trained on it
/// (<see cref="VenueTraining"/>) from scratch or, incrementally, grown from the serving model (<see cref="IncrementalStart"/>),
/// and swapped in only if the gate passes it (<see cref="Gate"/>). Whatever goes wrong, the serving model keeps serving
/// and the registry records why.
/// </summary>
internal sealed class RetrainJob(
    IServiceScopeFactory scopes, ModelHolder holder, TrainingProgress progress, IOptions<RetrainingOptions> options,
    IOptions<RecommendationOptions> recommendations, TimeProvider clock, ILogger<RetrainJob> logger)
{
    public const string Queue = "training";

    // The training queue has one worker; this (the job is a singleton) also keeps out a second run that reaches it another way.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Retrain the model ({0})")]
    public Task<string> RunAsync(string trigger, PerformContext? context, CancellationToken cancellationToken) =>
        RunAsync(trigger, incremental: false, JobKey.Of(context), cancellationToken);

    /// <summary>An incremental run: the serving model grown by what was sung since its data; a full run where none can be grown.</summary>
    [Queue(Queue)]
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Retrain the model incrementally ({0})")]
    public Task<string> RunIncrementalAsync(string trigger, PerformContext? context, CancellationToken cancellationToken) =>
        RunAsync(trigger, incremental: true, JobKey.Of(context), cancellationToken);

    private async Task<string> RunAsync(string trigger, bool incremental, string? jobId, CancellationToken cancellationToken)
    {
        var outcome = await _oneAtATime.WaitAsync(0, cancellationToken)
            ? await RunHoldingTheSlotAsync(trigger, incremental, jobId, cancellationToken)
            : Skipped("another training is running");
        ServiceMetrics.TrainingRuns.WithLabels(outcome.Label).Inc();
        return outcome.ToString();
    }

    private async Task<RetrainOutcome> RunHoldingTheSlotAsync(string trigger, bool incremental, string? jobId, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        try
        {
            return await RunAloneAsync(trigger, incremental, jobId, cancellationToken);
        }
        finally
        {
            ServiceMetrics.TrainingDuration.Observe(clock.GetElapsedTime(started).TotalSeconds);
            ServiceMetrics.LastTraining.Set(clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            // The snapshot, the dataset and libtorch's buffers are garbage now: give their memory back.
            NativeMemory.ReleaseAfterBurst();
            _oneAtATime.Release();
        }
    }

    private async Task<RetrainOutcome> RunAloneAsync(string trigger, bool incremental, string? jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
        // A job that outlived Hangfire's invisibility timeout may be handed out again: run each job id once.
        if (jobId is not null && await registry.HasRunForJobAsync(jobId, cancellationToken))
            return Skipped($"job {jobId} already ran");

        // Every worker queues a first training at start-up when there is no model: the first one to run makes it.
        if (trigger == "startup" && await registry.ActiveAsync(cancellationToken) is { } active)
            return Skipped($"model {active.Version} already serves");

        var settings = options.Value;
        var version = VenueTrainingOptions.NewVersion(clock.GetUtcNow().UtcDateTime);
        var start = incremental
            ? await IncrementalStart.FindAsync(holder, scope.ServiceProvider.GetRequiredService<KtvDbContext>(), settings.ToVenueTrainingOptions(version, recommendations.Value.ToPipeline()), cancellationToken)
            : null;
        if (start is { Skip: true }) return Skipped(start.Why);
        if (start is { From: null }) logger.LogInformation("Incremental retrain: {Reason}", start.Why);
        using var startFrom = start?.From;

        var (run, training) = await registry.TryStartRunAsync(version, settings.Model, trigger, jobId, settings.AbandonedAfter, cancellationToken);
        if (run is null) return Skipped($"run {training} is training on another worker");
        progress.Started(run.Version, trigger, startFrom is null ? settings.Epochs : settings.IncrementalEpochs, startFrom?.Metadata.Version);
        // Even if recording a failure fails, the progress must not show a run that no longer runs.
        var outcome = new RetrainOutcome(RetrainResult.Failed, "the run ended without an outcome");
        try
        {
            return outcome = await RunTrainingAsync(registry, run, trigger, settings, startFrom, cancellationToken);
        }
        finally
        {
            progress.Finished(outcome.ToString());
        }
    }

    private async Task<RetrainOutcome> RunTrainingAsync(
        ModelRegistry registry, ModelVersion run, string trigger, RetrainingOptions settings, TrainedModel? startFrom, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(settings.MaxMinutes));
        await using var heartbeat = new TrainingHeartbeat(scopes, run.Version, TimeSpan.FromSeconds(settings.HeartbeatSeconds), logger);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, heartbeat.Lost);
        try
        {
            var outcome = await TrainAsync(registry, run, settings, startFrom, running.Token);
            logger.LogInformation("Training run {Version} ({Trigger}): {Outcome}", run.Version, trigger, outcome);
            return outcome;
        }
        catch (Exception exception) when (exception is OperationCanceledException or TrainingFailedException)
        {
            var reason = exception is not OperationCanceledException ? exception.Message
                : cancellationToken.IsCancellationRequested ? "cancelled: the service is shutting down"
                : heartbeat.IsLost ? "stopped: another worker marked it abandoned (its heartbeat was late)"
                : $"cancelled after {settings.MaxMinutes} minutes";
            if (!await registry.FinishAsync(run, ModelStatus.Failed, reason)) return Activated(run, reason);
            logger.LogWarning("Training run {Version} failed: {Reason}; the serving model is unchanged", run.Version, reason);
            return new RetrainOutcome(RetrainResult.Failed, reason);
        }
        catch (Exception exception)
        {
            if (!await registry.FinishAsync(run, ModelStatus.Failed, $"{exception.GetType().Name}: {exception.Message}")) return Activated(run, exception.Message);
            logger.LogError(exception, "Training run {Version} failed; the serving model is unchanged", run.Version);
            return new RetrainOutcome(RetrainResult.Failed, exception.Message);
        }
    }

    private async Task<RetrainOutcome> TrainAsync(
        ModelRegistry registry, ModelVersion run, RetrainingOptions settings, TrainedModel? startFrom, CancellationToken cancellationToken)
    {
        var memory = new PeakMemory(logger);
        var venue = await TrainingData.ReadAsync(scopes, settings.Window, memory, cancellationToken);

        // Selected and judged on the lists the service makes, with its own recommendation settings.
        var trainingOptions = settings.ToVenueTrainingOptions(run.Version, recommendations.Value.ToPipeline());
        CurrentModel? serving;
        using (var lease = holder.Acquire())
        {
            // The served form is managed arrays only: it stays valid after the lease, whatever happens to the model meanwhile.
            serving = lease is null ? null : new CurrentModel(lease.Served, lease.Model.Metadata.DataTo);
        }

        // TorchSharp's dispose scopes are per thread: the whole training runs synchronously on one.
        progress.Entered("training");
        var (model, report) = await Task.Run(
            () => VenueTraining.Train(venue, trainingOptions, logger, progress.EpochDone, cancellationToken, serving, memory, startFrom), cancellationToken);
        progress.Entered("judging");
        try
        {
            run.Metrics = new Dictionary<string, double>(report.ToMetrics());
            run.DataFrom = model.Metadata.DataFrom;
            run.DataTo = model.Metadata.DataTo;
            run.TrainRows = report.TrainRows;
            run.ValidationRows = report.Ranking.Users;
            run.TrainSeconds = report.TrainSeconds;

            var (passed, reason) = Gate.Judge(report.Ranking, report.Serving, settings.GateTolerance);
            if (!passed)
            {
                model.Dispose();
                await registry.FinishAsync(run, ModelStatus.Rejected, reason);
                return new RetrainOutcome(RetrainResult.Rejected, reason);
            }
            await registry.ActivateNewAsync(run, model, reason, cancellationToken);
            return new RetrainOutcome(RetrainResult.Activated, reason);
        }
        catch
        {
            if (holder.CurrentVersion != run.Version) model.Dispose();
            throw;
        }
    }

    /// <summary>A run the registry made active before something after it failed: it serves (this node's sync loads it if the swap did not).</summary>
    private RetrainOutcome Activated(ModelVersion run, string after)
    {
        logger.LogWarning("Training run {Version} is active in the registry; what failed after its activation ({Reason}) does not change that", run.Version, after);
        return new RetrainOutcome(RetrainResult.Activated, $"activated ({after} afterwards)");
    }

    private RetrainOutcome Skipped(string why)
    {
        logger.LogInformation("Training skipped: {Reason}", why);
        return new RetrainOutcome(RetrainResult.Skipped, why);
    }
}
