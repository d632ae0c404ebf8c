using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Cli;

/// <summary>The model and trainer options every training verb shares.</summary>
public static class ModelArguments
{
    public static readonly IReadOnlyDictionary<string, ModelKind> Kinds =
        new Dictionary<string, ModelKind> { ["lr"] = ModelKind.Lr, ["fm"] = ModelKind.Fm, ["deepfm"] = ModelKind.DeepFm };

    public const string Usage =
        "[--model lr|fm|deepfm] [--epochs N] [--batch-size N] [--embedding-dim N] [--hidden 128,128] " +
        "[--dropout P] [--l2 X] [--lr X] [--seed N] [--threads N] [--device auto|cpu|cuda]";

    public const string PipelineUsage =
        "[--ease-songs 5000] (the most enjoyed songs EASE learns weights for; 0: none) " +
        "[--ease-lambda X] (fix EASE's λ instead of choosing it among 50, 100, 200, 400) [--candidates 300] " +
        "[--final-fit true|false] (train the served model again on the whole window after selection)";

    /// <param name="defaultDropout">The dropout without --dropout: the venue pipeline's own default, unless the verb has another.</param>
    public static (ModelKind Kind, int EmbeddingDim, IReadOnlyList<int> Hidden, double Dropout, TrainerOptions Trainer) Read(
        CliArguments args, double? defaultDropout = null)
    {
        // The training library's defaults, the same the service's KtvRec:Training options start from.
        var defaults = VenueTrainingOptions.Defaults;
        var trainer = new TrainerOptions
        {
            Epochs = args.Int("epochs", defaults.Trainer.Epochs, 1, 1000),
            BatchSize = args.Int("batch-size", defaults.Trainer.BatchSize, 1, 1 << 20),
            LearningRate = args.Double("lr", defaults.Trainer.LearningRate, 1e-7, 10),
            L2 = args.Double("l2", defaults.Trainer.L2, 0, 10),
            Seed = args.Int("seed", defaults.Trainer.Seed),
            Threads = args.OptionalInt("threads", 1, 256),
            Device = args.Choice("device", defaults.Trainer.Device, new Dictionary<string, string> { ["auto"] = "auto", ["cpu"] = "cpu", ["cuda"] = "cuda" }),
        };
        return (
            args.Choice("model", defaults.Kind, Kinds),
            args.Int("embedding-dim", defaults.EmbeddingDim, 1, 1024),
            args.IntList("hidden", defaults.Hidden),
            args.Double("dropout", defaultDropout ?? defaults.Dropout, 0, 0.95),
            trainer);
    }

    /// <summary>The model options and the pipeline's (EASE, candidates, final fit) over the training library's defaults.</summary>
    public static VenueTrainingOptions ReadVenueTraining(CliArguments args)
    {
        var (kind, embeddingDim, hidden, dropout, trainer) = Read(args);
        var defaults = VenueTrainingOptions.Defaults;
        var lambda = args.OptionalDouble("ease-lambda", 0, 1e9);
        return defaults with
        {
            Kind = kind, EmbeddingDim = embeddingDim, Hidden = hidden, Dropout = dropout, Trainer = trainer,
            EaseSongs = args.Int("ease-songs", defaults.EaseSongs, 0, 30_000),
            EaseLambdas = lambda is { } fixedLambda ? [fixedLambda] : defaults.EaseLambdas,
            Pipeline = defaults.Pipeline with { CandidateCount = args.Int("candidates", defaults.Pipeline.CandidateCount, 10, 100_000) },
            FinalFit = args.Choice("final-fit", defaults.FinalFit, new Dictionary<string, bool> { ["true"] = true, ["false"] = false }),
            HeldOut = defaults.HeldOut with { Seed = trainer.Seed },
        };
    }
}
