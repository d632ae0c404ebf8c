using KtvRec.Training.Trainer;

namespace KtvRec.Api.Retraining;

/// <param name="Trial">1 for the selection run (epochs chosen on held-out users), 2 for the final fit on the whole window.</param>
/// <param name="ValidationAuc">The ranker's AUC on the epoch users' candidates; null in the final fit, which holds nobody out.</param>
/// <param name="ValidationNdcg">NDCG@K of the epoch users' lists, the figure epochs are chosen on; null in the final fit.</param>
internal sealed record TrainingEpoch(
    int Trial, int Epoch, double TrainLoss, double? ValidationAuc, double? ValidationNdcg, double SamplesPerSecond, double Seconds);

/// <param name="Running">Whether this node is training now.</param>
/// <param name="Version">The run's version (its row in GET /models); null before this node's first run.</param>
/// <param name="Phase">reading the venue, training, judging (ranking figures and the gate), or finished.</param>
/// <param name="MaxEpochs">Epochs of the selection run at most (early stopping may end it sooner; the final fit repeats the chosen ones); an incremental run's passes.</param>
/// <param name="StartedFrom">The serving model an incremental run grows; null: a full run, from scratch.</param>
/// <param name="Outcome">How it ended: activated, rejected, failed or skipped, with the reason; null while running.</param>
internal sealed record TrainingProgressResponse(
    bool Running, string? Version, string? Trigger, DateTime? StartedAt, DateTime? FinishedAt, string? Phase, int MaxEpochs,
    IReadOnlyList<TrainingEpoch> Epochs, string? Outcome, string? StartedFrom = null, TrainingSchedule? Schedule = null)
{
    public static readonly TrainingProgressResponse None = new(false, null, null, null, null, null, 0, [], null);
}

/// <summary>
/// The training run in progress on this node (or its last one), epoch by epoch, for GET /models/training. Written by the
/// one training thread, read by any request: each change publishes a new immutable answer.
/// </summary>
internal sealed class TrainingProgress(TimeProvider clock)
{
    private readonly Lock _writing = new();
    private TrainingProgressResponse _current = TrainingProgressResponse.None;

    public TrainingProgressResponse Current => Volatile.Read(ref _current);

    public void Started(string version, string trigger, int maxEpochs, string? startedFrom) => Update(_ =>
        new TrainingProgressResponse(true, version, trigger, clock.GetUtcNow().UtcDateTime, null, "reading the venue", maxEpochs, [], null, startedFrom));

    public void Entered(string phase) => Update(current => current with { Phase = phase });

    public void EpochDone(EpochReport epoch) => Update(current =>
    {
        // The final fit counts its epochs from 1 again.
        var trial = current.Epochs.Count == 0 ? 1 : current.Epochs[^1].Trial + (epoch.Epoch == 1 ? 1 : 0);
        var done = new TrainingEpoch(trial, epoch.Epoch, epoch.TrainLoss, double.IsNaN(epoch.ValidationAuc) ? null : epoch.ValidationAuc,
            epoch.ValidationNdcg, epoch.SamplesPerSecond, epoch.Seconds);
        return current with { Epochs = [.. current.Epochs, done] };
    });

    public void Finished(string outcome) => Update(current =>
        current with { Running = false, FinishedAt = clock.GetUtcNow().UtcDateTime, Phase = "finished", Outcome = outcome });

    private void Update(Func<TrainingProgressResponse, TrainingProgressResponse> change)
    {
        lock (_writing) Volatile.Write(ref _current, change(_current));
    }
}
