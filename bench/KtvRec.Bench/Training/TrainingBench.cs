using System.Diagnostics;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Retraining;
using KtvRec.Bench.Report;
using KtvRec.Domain.Simulation;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Bench.Training;

/// <summary>
/// The ranker as the service trains it (its default settings) on simulated venues of about 100k and 1M events: its
/// rows (the candidates the pipeline generates, labeled), wall time and samples/s, next to one epoch of pure
/// forward/backward on the same rows as pre-built tensors.
/// </summary>
public static class TrainingBench
{
    public static BenchSection Run(IReadOnlyList<(int Events, int Epochs)> sizes)
    {
        var service = new RetrainingOptions();
        var section = new SectionBuilder("training", "Training: the DeepFM ranker with the service's settings vs pure forward/backward on pre-built tensors",
            "events", "training rows", "epochs", "rows built in", "training wall time", "trainer samples/s", "ceiling samples/s", "trainer / ceiling", "held-out AUC");
        var eventsPerSession = EventsPerSession();
        foreach (var (events, epochs) in sizes)
        {
            var venue = VenueSimulator.Generate(new SimulationOptions
            {
                Songs = 10_000, Artists = 1_000, Users = 10_000, Sessions = (int)Math.Ceiling(events / eventsPerSession), Days = 56,
            });
            var options = service.ToVenueTrainingOptions("bench", new RecommendationOptions().ToPipeline());
            var trainer = options.Trainer with { Epochs = epochs, Patience = epochs };

            var clock = Stopwatch.StartNew();
            var rows = RankerDataset.Build(venue.ToSnapshot(), options, options.Rows.MinCount);
            var (train, heldOut) = (rows.Train.Encode(rows.Space), rows.HeldOut.Encode(rows.Space));
            var built = clock.Elapsed.TotalSeconds;
            var shape = new ModelShape(options.Kind, rows.Space.Size, rows.Space.FieldCount, options.EmbeddingDim, options.Hidden, options.Dropout);
            clock.Restart();
            var result = new ModelTrainer(trainer).Train(shape, train, heldOut);
            result.Model.Dispose();
            var wall = clock.Elapsed.TotalSeconds;
            var ceiling = TrainingCeiling.OneEpoch(shape, train, trainer);

            var key = $"events{venue.Events.Count / 1000}k";
            section.Row($"{venue.Events.Count:N0}", $"{train.Count:N0}", $"{result.Epochs.Count}", $"{built:F1} s", $"{wall:F1} s",
                    Format.Rate(result.SamplesPerSecond), Format.Rate(ceiling), Format.Ratio(result.SamplesPerSecond / ceiling), Format.Auc(result.ValidationAuc))
                .Figure($"{key}_events", venue.Events.Count).Figure($"{key}_train_rows", train.Count)
                .Figure($"{key}_rows_seconds", built).Figure($"{key}_wall_seconds", wall).Figure($"{key}_samples_per_sec", result.SamplesPerSecond)
                .Figure($"{key}_ceiling_samples_per_sec", ceiling).Figure($"{key}_validation_auc", result.ValidationAuc);
        }
        return section
            .Note($"Service settings: embedding {service.EmbeddingDim}, DNN {service.Hidden}, batch {service.BatchSize}, dropout {service.Dropout}, " +
                  $"{VenueTrainingOptions.Defaults.Rows.Folds} folds of candidates, {VenueTrainingOptions.Defaults.Rows.NegativesPerQuery} negatives per query, {TorchSharp.torch.get_num_threads()} threads. " +
                  "Rows built in: the held-out split, EASE's and the walk's weights per fold, the candidates and their encoding. Training wall time covers every epoch and its validation; samples/s counts the training passes only.")
            .Build();
    }

    private static double EventsPerSession()
    {
        var pilot = VenueSimulator.Generate(new SimulationOptions { Songs = 10_000, Artists = 1_000, Users = 10_000, Sessions = 300, Days = 56 });
        return (double)pilot.Events.Count / pilot.Sessions.Count;
    }
}
