using KtvRec.Training.Evaluation;
using KtvRec.Training.Models;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Trainer;

/// <summary>How an incremental retrain learns: <paramref name="Epochs"/> passes at the trainer's learning rate over the rows of <see cref="RowsSince"/>, <paramref name="Replay"/> older queries per new one.</summary>
public sealed record IncrementalOptions(int Epochs = 1, double Replay = 1.0);

/// <summary>
/// What to train on a venue's data and how. Its defaults (with those of <see cref="TrainerOptions"/>,
/// <see cref="PipelineOptions"/> and the rest) are the only ones: the service's <c>KtvRec:Training</c> options and the
/// CLI's flags start from <see cref="Defaults"/>.
/// </summary>
public sealed record VenueTrainingOptions
{
    public static VenueTrainingOptions Defaults { get; } = new();

    public ModelKind Kind { get; init; } = ModelKind.DeepFm;
    public int EmbeddingDim { get; init; } = 16;
    public IReadOnlyList<int> Hidden { get; init; } = ModelShape.DefaultHidden;
    public double Dropout { get; init; } = 0.2;
    public TrainerOptions Trainer { get; init; } = new();

    /// <summary>The lists the model is trained for and judged by: what serving makes (the service passes its own).</summary>
    public PipelineOptions Pipeline { get; init; } = PipelineOptions.Defaults;

    public HeldOutOptions HeldOut { get; init; } = new();
    public RankerRowOptions Rows { get; init; } = new();

    /// <summary>The most enjoyed songs EASE learns weights for (<see cref="SimilarityOptions.EaseSongs"/>).</summary>
    public int EaseSongs { get; init; } = SimilarityOptions.DefaultEaseSongs;

    /// <summary>The λ EASE may take, the best on the weight users kept; one value fixes it.</summary>
    public IReadOnlyList<double> EaseLambdas { get; init; } = SongSimilarity.Lambdas;

    /// <summary>The blend weights a retrain may choose among for each kind of list (<see cref="OrderBlend"/>); [0]: the ranker alone.</summary>
    public IReadOnlyList<double> BlendWeights { get; init; } = OrderBlend.Weights;

    /// <summary>
    /// After selection, train the served model again on the whole window (the held-out songs included) with what was
    /// chosen: the newest songs and the newest users are in the model that serves them.
    /// </summary>
    public bool FinalFit { get; init; } = true;

    /// <summary>How an incremental retrain grows the serving model (the <c>startFrom</c> of <see cref="VenueTraining"/>'s Train).</summary>
    public IncrementalOptions Incremental { get; init; } = new();

    /// <summary>Fewer labeled interactions than this and there is too little data to train.</summary>
    public int MinInteractions { get; init; } = 500;

    /// <summary>The version the model is saved and registered under; a UTC timestamp when not given.</summary>
    public string? Version { get; init; }

    public int Seed => Trainer.Seed;

    public static string NewVersion(DateTime utcNow) => utcNow.ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture);
}
