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

    public static (ModelKind Kind, int EmbeddingDim, IReadOnlyList<int> Hidden, double Dropout, TrainerOptions Trainer) Read(
        CliArguments args, double defaultDropout)
    {
        var trainer = new TrainerOptions
        {
            Epochs = args.Int("epochs", 10, 1, 1000),
            BatchSize = args.Int("batch-size", 1024, 1, 1 << 20),
            LearningRate = args.Double("lr", 1e-3, 1e-7, 10),
            L2 = args.Double("l2", 1e-6, 0, 10),
            Seed = args.Int("seed", 42),
            Threads = args.OptionalInt("threads", 1, 256),
            Device = args.Choice("device", "auto", new Dictionary<string, string> { ["auto"] = "auto", ["cpu"] = "cpu", ["cuda"] = "cuda" }),
        };
        return (
            args.Choice("model", ModelKind.DeepFm, Kinds),
            args.Int("embedding-dim", 10, 1, 1024),
            args.IntList("hidden", ModelShape.DefaultHidden),
            args.Double("dropout", defaultDropout, 0, 0.95),
            trainer);
    }

    /// <summary>The songs whose neighbours EASE learns, and the time a hyperparameter search may take, over <paramref name="options"/>.</summary>
    public static VenueTrainingOptions ReadPipeline(CliArguments args, VenueTrainingOptions options) => options with
    {
        EaseSongs = args.Int("neighbour-songs", options.EaseSongs, 0, 30_000),
        SearchBudget = TimeSpan.FromMinutes(args.Double("search-minutes", options.SearchBudget.TotalMinutes, 0, 24 * 60)),
    };
}
