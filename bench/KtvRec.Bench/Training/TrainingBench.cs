using System.Diagnostics;
using KtvRec.Api.Retraining;
using KtvRec.Bench.Report;
using KtvRec.Domain.Simulation;
using KtvRec.Training.Features;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Bench.Training;

/// <summary>
/// DeepFM as the service trains it (its default settings) on simulated venues of about 100k and 1M events: wall time
/// and samples/s, next to one epoch of pure forward/backward on pre-built tensors.
/// </summary>
public static class TrainingBench
{
    public static BenchSection Run(IReadOnlyList<(int Events, int Epochs)> sizes)
    {
        var service = new TrainingOptions();
        var section = new SectionBuilder("training", "Training: DeepFM with the service's settings vs pure forward/backward on pre-built tensors",
            "events", "training rows", "epochs", "wall time", "trainer samples/s", "ceiling samples/s", "trainer / ceiling", "validation AUC");
        var eventsPerSession = EventsPerSession();
        foreach (var (events, epochs) in sizes)
        {
            var venue = VenueSimulator.Generate(new SimulationOptions
            {
                Songs = 10_000, Artists = 1_000, Users = 10_000, Sessions = (int)Math.Ceiling(events / eventsPerSession), Days = 56,
            });
            var options = service.ToVenueTrainingOptions("bench");
            var trainer = options.Trainer with { Epochs = epochs, Patience = epochs };

            var clock = Stopwatch.StartNew();
            var data = KtvDataset.Build(venue.ToSnapshot(), options.Dataset);
            var shape = new ModelShape(options.Kind, data.Space.Size, data.Space.FieldCount, options.EmbeddingDim, options.Hidden, options.Dropout);
            var result = new ModelTrainer(trainer).Train(shape, data.Train, data.Validation);
            result.Model.Dispose();
            var wall = clock.Elapsed.TotalSeconds;
            var ceiling = TrainingCeiling.OneEpoch(shape, data.Train, trainer);

            var key = $"events{venue.Events.Count / 1000}k";
            section.Row($"{venue.Events.Count:N0}", $"{data.Train.Count:N0}", $"{result.Epochs.Count}", $"{wall:F1} s",
                    Format.Rate(result.SamplesPerSecond), Format.Rate(ceiling), Format.Ratio(result.SamplesPerSecond / ceiling), Format.Auc(result.ValidationAuc))
                .Figure($"{key}_events", venue.Events.Count).Figure($"{key}_train_rows", data.Train.Count)
                .Figure($"{key}_wall_seconds", wall).Figure($"{key}_samples_per_sec", result.SamplesPerSecond)
                .Figure($"{key}_ceiling_samples_per_sec", ceiling).Figure($"{key}_validation_auc", result.ValidationAuc);
        }
        return section
            .Note($"Service settings: embedding {service.EmbeddingDim}, DNN {service.Hidden}, batch {service.BatchSize}, dropout {service.Dropout}, {service.NegativeRatio} sampled negatives per positive, {TorchSharp.torch.get_num_threads()} threads. " +
                  "Wall time covers building the features and labels, every epoch and its validation; samples/s counts the training passes only.")
            .Build();
    }

    private static double EventsPerSession()
    {
        var pilot = VenueSimulator.Generate(new SimulationOptions { Songs = 10_000, Artists = 1_000, Users = 10_000, Sessions = 300, Days = 56 });
        return (double)pilot.Events.Count / pilot.Sessions.Count;
    }
}
