using KtvRec.Domain;
using KtvRec.Domain.Simulation;
using KtvRec.Training.Data;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests;

/// <summary>A small simulated venue and quick training settings shared by the tests (built once per run).</summary>
public static class SmallVenue
{
    public static readonly SimulatedVenue Venue = VenueSimulator.Generate(new SimulationOptions
    {
        Seed = 3, Songs = 300, Artists = 40, Users = 80, Sessions = 160, Days = 14,
    });

    public static readonly VenueSnapshot Snapshot = Venue.ToSnapshot();

    /// <summary>The venue's ranker rows, split as a retrain splits them, and their tables.</summary>
    public static readonly Lazy<(RankerDataset Rows, FeatureTable Train, FeatureTable Validation)> Rows = new(() =>
    {
        var rows = RankerDataset.Build(Snapshot, Options(), minCount: 2);
        return (rows, rows.Train.Encode(rows.Space), rows.HeldOut.Encode(rows.Space));
    });

    public static FeatureSpace Space => Rows.Value.Rows.Space;

    public static VenueTrainingOptions Options(ModelKind kind = ModelKind.DeepFm) => VenueTrainingOptions.Defaults with
    {
        Kind = kind,
        EmbeddingDim = 8,
        Hidden = [32, 32],
        Dropout = 0.1,
        Trainer = new TrainerOptions { Epochs = 4, BatchSize = 256, LearningRate = 3e-3, Seed = 7, Threads = 2, Device = "cpu" },
        MinInteractions = 100,
    };
}
