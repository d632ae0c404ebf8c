using System.ComponentModel.DataAnnotations;
using KtvRec.Training.Models;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Trainer;

namespace KtvRec.Api.Retraining;

/// <summary>
/// Settings under <c>KtvRec:Training</c>: when the model is retrained, how, and what it must beat. How to train starts
/// from the training library's own defaults (<see cref="VenueTrainingOptions.Defaults"/>), the same the CLI starts from.
/// </summary>
internal sealed class RetrainingOptions
{
    private static VenueTrainingOptions Defaults => VenueTrainingOptions.Defaults;

    public const string Section = "KtvRec:Training";

    /// <summary>Run the recurring retrain job.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When the full retrain runs (cron, UTC): from scratch on the whole window; daily at 03:00 by default. Checked by Hangfire at start-up.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Cron { get; set; } = "0 3 * * *";

    /// <summary>
    /// When the incremental retrain runs (cron, UTC): the serving model grown by what was sung since its data, judged by
    /// the same gate; hourly by default, empty for none. It does nothing while nothing new was sung, and trains from
    /// scratch while no model of the configured shape serves.
    /// </summary>
    public string IncrementalCron { get; set; } = "0 * * * *";

    /// <summary>Passes an incremental retrain makes over its rows, at <see cref="LearningRate"/>.</summary>
    [Range(1, 100)]
    public int IncrementalEpochs { get; set; } = Defaults.Incremental.Epochs;

    /// <summary>Queries of users who sang nothing new an incremental retrain also learns from, per query of one who did (so the model keeps what it knew).</summary>
    [Range(0.0, 100.0)]
    public double IncrementalReplay { get; set; } = Defaults.Incremental.Replay;

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

    /// <summary>The blend weights a retrain chooses among, comma-separated (docs/model.md); "0" serves the ranker alone.</summary>
    [RegularExpression(@"^\d+(\.\d+)?(,\d+(\.\d+)?)*$", ErrorMessage = "must be weights separated by commas, e.g. 0,0.25,0.5,1,2,4.")]
    public string BlendWeights { get; set; } = string.Join(',', Defaults.BlendWeights.Select(w => w.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The newest share of each held-out user's interactions, out of what selection trains on.</summary>
    [Range(0.01, 0.9)]
    public double ValidationFraction { get; set; } = Defaults.HeldOut.Fraction;

    /// <summary>The most enjoyed songs EASE learns weights for (its cost grows with their cube); 0: none.</summary>
    [Range(0, 20_000)]
    public int EaseSongs { get; set; } = Defaults.EaseSongs;

    /// <summary>
    /// After selection, train the served model again on the whole window (the held-out songs and users included), with
    /// the epochs, λ and weight selection chose. Off: the selection model serves (a retrain takes about half as long).
    /// </summary>
    public bool FinalFit { get; set; } = Defaults.FinalFit;

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
    public int WindowDays { get; set; } = 365;

    /// <summary>Fewer labeled interactions than this and the run is recorded as failed for too little data.</summary>
    [Range(10, int.MaxValue)]
    public int MinInteractions { get; set; } = 500;

    /// <summary>A new model may trail the serving model's NDCG@20 by at most this much, on held-out users whose songs came after the serving model's data.</summary>
    [Range(0.0, 1.0)]
    public double GateTolerance { get; set; } = 0.01;

    /// <summary>At most this many held-out users are what the gate judges and every run's figures say (others choose epochs and weights).</summary>
    [Range(1, 100_000)]
    public int RankingUsers { get; set; } = Defaults.HeldOut.GateUsers;

    /// <summary>A run is cancelled after this long; Hangfire's invisibility timeout is set above it.</summary>
    [Range(1, 24 * 60)]
    public int MaxMinutes { get; set; } = 60;

    /// <summary>
    /// How often a training run records that its worker is still at work. A run silent for four of these (its worker
    /// crashed or was killed) is marked failed by the next worker that starts or tries to train; until then no other
    /// worker starts one.
    /// </summary>
    [Range(1, 600)]
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>How often Hangfire's workers look for new jobs.</summary>
    [Range(1, 600)]
    public int QueuePollSeconds { get; set; } = 2;

    public TimeSpan AbandonedAfter => TimeSpan.FromSeconds(4 * HeartbeatSeconds);

    public TimeSpan? Window => WindowDays == 0 ? null : TimeSpan.FromDays(WindowDays);

    public IReadOnlyList<int> HiddenLayers => Hidden.Split(',').Select(int.Parse).ToList();

    /// <param name="pipeline">The lists the service makes: the model is selected and judged on the same.</param>
    public VenueTrainingOptions ToVenueTrainingOptions(string version, PipelineOptions pipeline) => Defaults with
    {
        Kind = Model switch { "lr" => ModelKind.Lr, "fm" => ModelKind.Fm, _ => ModelKind.DeepFm },
        EmbeddingDim = EmbeddingDim,
        Hidden = HiddenLayers,
        Dropout = Dropout,
        Trainer = new TrainerOptions
        {
            Epochs = Epochs,
            BatchSize = BatchSize,
            LearningRate = LearningRate,
            Seed = Seed,
            Threads = Threads == 0 ? null : Threads,
            Device = Device,
        },
        Pipeline = pipeline,
        HeldOut = Defaults.HeldOut with { Fraction = ValidationFraction, GateUsers = RankingUsers, Seed = Seed },
        EaseSongs = EaseSongs,
        BlendWeights = [.. BlendWeights.Split(',').Select(w => double.Parse(w, System.Globalization.CultureInfo.InvariantCulture))],
        FinalFit = FinalFit,
        Incremental = new IncrementalOptions(IncrementalEpochs, IncrementalReplay),
        MinInteractions = MinInteractions,
        Version = version,
    };
}
