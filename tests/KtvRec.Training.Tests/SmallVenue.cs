using KtvRec.Domain;
using KtvRec.Domain.Simulation;
using KtvRec.Training.Features;
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

    public static readonly Lazy<KtvDataset> Dataset = new(() => KtvDataset.Build(Snapshot, new DatasetOptions(Seed: 1)));

    public static VenueTrainingOptions Options(ModelKind kind = ModelKind.DeepFm) => new()
    {
        Kind = kind,
        EmbeddingDim = 8,
        Hidden = [32, 32],
        Dropout = 0.1,
        Trainer = new TrainerOptions { Epochs = 4, BatchSize = 256, LearningRate = 3e-3, Seed = 7, Threads = 2, Device = "cpu" },
        RankingUsers = 30,
        SearchBudget = TimeSpan.Zero,
    };
}
