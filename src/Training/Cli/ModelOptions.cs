using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Cli;

/// <summary>The model and trainer options every training verb shares.</summary>
public static class ModelOptions
{
    public static readonly IReadOnlyDictionary<string, ModelKind> Kinds =
        new Dictionary<string, ModelKind> { ["lr"] = ModelKind.Lr, ["fm"] = ModelKind.Fm, ["deepfm"] = ModelKind.DeepFm };

    public const string Usage =
        "[--model lr|fm|deepfm] [--epochs N] [--batch-size N] [--embedding-dim N] [--hidden 128,128] " +
        "[--dropout P] [--l2 X] [--lr X] [--seed N] [--threads N] [--device auto|cpu|cuda]";

    public const string PipelineUsage =
        "[--neighbour-songs 5000] (the most enjoyed songs whose similar songs EASE learns; 0: cosine only) " +
        "[--search-minutes 10] (time for trying a faster learning rate and a wider embedding; 0: none)";

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

    /// <summary>The songs whose neighbours EASE learns, and the time a hyperparameter search may take, over <paramref name="options"/>.</summary>
    public static VenueTrainingOptions ReadPipeline(CliArguments args, VenueTrainingOptions options) => options with
    {
        EaseSongs = args.Int("neighbour-songs", options.EaseSongs, 0, 30_000),
        SearchBudget = TimeSpan.FromMinutes(args.Double("search-minutes", options.SearchBudget.TotalMinutes, 0, 24 * 60)),
    };
}
