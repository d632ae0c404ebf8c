using KtvRec.Domain;
using KtvRec.Domain.Storage;
using KtvRec.Training.Features;
using KtvRec.Training.Trainer;

namespace KtvRec.Api.Retraining;

/// <summary>What a retrain learns from: the venue's history, built from one consistent snapshot of the database.</summary>
internal static class TrainingData
{
    /// <summary>
    /// The snapshot is this method's alone: its events (at ten million, 560 MB) are garbage as soon as the history is
    /// built, so the stages after it run without them.
    /// </summary>
    public static async Task<VenueHistory> ReadAsync(IServiceScopeFactory scopes, TimeSpan? window, PeakMemory memory, CancellationToken cancellationToken)
    {
        VenueSnapshot snapshot;
        await using (var scope = scopes.CreateAsyncScope())
        {
            snapshot = await SnapshotReader.ReadAsync(scope.ServiceProvider.GetRequiredService<KtvDbContext>(), window, cancellationToken);
        }
        memory.StageEnded("snapshot");
        return await Task.Run(() => VenueHistory.From(snapshot), cancellationToken);
    }
}
