using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.ModelFiles;

/// <summary>What a saved model is, how it was trained, on which data, and how good it was.</summary>
/// <param name="SimilarSongsWeight">How much the similar-songs order counts beside the model's when serving (chosen at training on held-out ranking); null for models from before it was measured.</param>
public sealed record ModelMetadata(
    string Version,
    ModelShape Shape,
    int Slots,
    TrainerOptions Trainer,
    IReadOnlyDictionary<string, double> Metrics,
    DateTime? DataFrom,
    DateTime? DataTo,
    DateTime TrainedAt,
    double TrainSeconds,
    int BestEpoch,
    string TorchSharpVersion,
    double? SimilarSongsWeight = null);
