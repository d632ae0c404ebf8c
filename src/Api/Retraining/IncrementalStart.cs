using KtvRec.Api.Serving;
using KtvRec.Domain.Storage;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Retraining;

/// <summary>
/// Where an incremental retrain starts: a copy of the serving model (the run owns it and may train it; the original
/// keeps serving), if it can be grown with the configured shape and something was sung since its data.
/// </summary>
/// <param name="From">The copy to grow; null: train from scratch (<see cref="Why"/>), or skip the run.</param>
/// <param name="Skip">Nothing new was sung since the serving model's data: no run.</param>
internal sealed record IncrementalStart(TrainedModel? From, bool Skip, string Why)
{
    public static async Task<IncrementalStart> FindAsync(ModelHolder holder, KtvDbContext db, VenueTrainingOptions options, CancellationToken cancellationToken)
    {
        TrainedModel copy;
        using (var lease = holder.Acquire())
        {
            if (lease is null) return new IncrementalStart(null, false, "no model serves yet: a full retrain instead");
            var serving = lease.Model;
            if (!VenueTraining.CanGrow(serving, options))
                return new IncrementalStart(null, false, $"the serving model {serving.Metadata.Version} is not of the configured shape: a full retrain instead");
            copy = new TrainedModel(ModelGrowth.Copy(serving.Model, serving.Metadata.Shape), serving.Space, serving.Metadata, serving.Similarity);
        }

        // Events that arrive late with an older time are in the window too, but only a full retrain asks for them.
        var dataTo = copy.Metadata.DataTo!.Value;
        if (await db.Events.AnyAsync(e => e.OccurredAt > dataTo, cancellationToken))
            return new IncrementalStart(copy, false, $"grown from {copy.Metadata.Version}");
        copy.Dispose();
        return new IncrementalStart(null, true, $"nothing was sung since the serving model {copy.Metadata.Version}'s data ({dataTo:u})");
    }
}
