using System.ComponentModel.DataAnnotations;
using KtvRec.Training.Features;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Api.Retraining;

/// <summary>
/// Settings under <c>KtvRec:Training</c>: when the model is retrained, how, and what it must beat. How to train starts
/// from the training library's own defaults (<see cref="VenueTrainingOptions.Defaults"/>), the same the CLI starts from.
/// </summary>
public sealed class TrainingOptions
{
    private static VenueTrainingOptions Defaults => VenueTrainingOptions.Defaults;

    public const string Section = "KtvRec:Training";

    /// <summary>Run the recurring retrain job.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When the recurring job runs (cron, UTC); hourly by default. Checked by Hangfire at start-up.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Cron { get; set; } = "0 * * * *";

    /// <summary>Queue a first training at start-up when there is data but no model.</summary>
    public bool TrainOnStartup { get; set; } = true;

    [RegularExpression("^(lr|fm|deepfm)$", ErrorMessage = "must be lr, fm or deepfm.")]
    public string Model { get; set; } = Defaults.Kind.ToString().ToLowerInvariant();

    [Range(1, 1000)]
    public int Epochs { get; set; } = Defaults.Trainer.Epochs;

    [Range(16, 1 << 20)]
    public int BatchSize { get; set; } = Defaults.Trainer.BatchSize;

    [Range(1, 256)]
    public int EmbeddingDim { get; set; } = Defaults.EmbeddingDim;

    /// <summary>Adam's learning rate.</summary>
    [Range(1e-7, 1e38)]
    public double LearningRate { get; set; } = Defaults.Trainer.LearningRate;

    /// <summary>DNN layer widths, comma-separated.</summary>
    [RegularExpression(@"^\d+(,\d+)*$", ErrorMessage = "must be widths separated by commas, e.g. 400,400,400.")]
    public string Hidden { get; set; } = string.Join(',', Defaults.Hidden);

    [Range(0.0, 0.9)]
    public double Dropout { get; set; } = Defaults.Dropout;

    [Range(0, 100)]
    public int NegativeRatio { get; set; } = Defaults.Dataset.NegativeRatio;

    /// <summary>The share of sampled negatives drawn by popularity rather than uniformly.</summary>
    [Range(0.0, 1.0)]
    public double PopularNegativeShare { get; set; } = Defaults.Dataset.PopularNegativeShare;

    [Range(0.01, 0.9)]
    public double ValidationFraction { get; set; } = Defaults.Dataset.ValidationFraction;

    [Range(1, 1000)]
    public int MinCount { get; set; } = Defaults.Dataset.MinCount;

    /// <summary>The most enjoyed songs whose similar songs EASE learns (the rest use cosine); 0: cosine only.</summary>
    [Range(0, 20_000)]
    public int EaseSongs { get; set; } = Defaults.EaseSongs;

    /// <summary>
    /// Minutes a retrain may spend trying a wider embedding and a faster learning rate after the configured ones; 0: none.
    /// The first model of a service without one never searches.
    /// </summary>
    [Range(0, 24 * 60)]
    public double SearchMinutes { get; set; } = Defaults.SearchBudget.TotalMinutes;

    /// <summary>libtorch CPU threads for training; 0 leaves libtorch's default.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    [RegularExpression("^(auto|cpu|cuda)$", ErrorMessage = "must be auto, cpu or cuda.")]
    public string Device { get; set; } = Defaults.Trainer.Device;

    public int Seed { get; set; } = Defaults.Trainer.Seed;

    /// <summary>
    /// Train on the newest this many days of events, counted back from the newest one (so a venue that was closed for a
    /// while still trains); 0 trains on every event. Bounds training time and memory as history grows.
    /// </summary>
    [Range(0, 3650)]
    public int WindowDays { get; set; } = 90;

    /// <summary>Fewer labeled interactions than this and the run is recorded as failed for too little data.</summary>
    [Range(10, int.MaxValue)]
    public int MinInteractions { get; set; } = 500;

    /// <summary>A new model may trail the serving model's NDCG@20 of held-out users by at most this much.</summary>
    [Range(0.0, 1.0)]
    public double GateTolerance { get; set; } = 0.01;

    /// <summary>Held-out users whose whole-catalog Recall@20 is measured per run.</summary>
    [Range(1, 100_000)]
    public int RankingUsers { get; set; } = Defaults.RankingUsers;

    /// <summary>A run is cancelled after this long; Hangfire's invisibility timeout is set above it.</summary>
    [Range(1, 24 * 60)]
    public int MaxMinutes { get; set; } = 60;

    /// <summary>How often Hangfire's workers look for new jobs.</summary>
    [Range(1, 600)]
    public int QueuePollSeconds { get; set; } = 2;

    public TimeSpan? Window => WindowDays == 0 ? null : TimeSpan.FromDays(WindowDays);

    public IReadOnlyList<int> HiddenLayers => Hidden.Split(',').Select(int.Parse).ToList();

    public VenueTrainingOptions ToVenueTrainingOptions(string version) => new()
    {
        Kind = Model switch { "lr" => ModelKind.Lr, "fm" => ModelKind.Fm, _ => ModelKind.DeepFm },
        EmbeddingDim = EmbeddingDim,
        Hidden = HiddenLayers,
        Dropout = Dropout,
        Dataset = new DatasetOptions(NegativeRatio, ValidationFraction, MinCount, Seed, PopularNegativeShare),
        Trainer = new TrainerOptions
        {
            Epochs = Epochs,
            BatchSize = BatchSize,
            LearningRate = LearningRate,
            Seed = Seed,
            Threads = Threads == 0 ? null : Threads,
            Device = Device,
        },
        RankingUsers = RankingUsers,
        EaseSongs = EaseSongs,
        SearchBudget = TimeSpan.FromMinutes(SearchMinutes),
        Version = version,
    };
}
