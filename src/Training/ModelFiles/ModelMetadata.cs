using KtvRec.Training.Models;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.ModelFiles;

/// <summary>What a saved model is, how it was trained, on which data, and how good it was.</summary>
/// <param name="Format">The layout of the model's fields and files (<see cref="ModelMetadata.CurrentFormat"/>): a model of another is retrained, not served.</param>
/// <param name="EaseLambda">EASE's λ, chosen at training on held-out users.</param>
/// <param name="Blend">How much its lists keep of their candidates' own order, chosen at training on held-out users; null (a model from before blends): the ranker alone.</param>
/// <param name="StartedFrom">The model an incremental retrain grew this one from; null: trained from scratch.</param>
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
    double EaseLambda,
    int Format = ModelMetadata.CurrentFormat,
    OrderBlend? Blend = null,
    string? StartedFrom = null)
{
    /// <summary>2: the ranker over the pipeline's candidates, with EASE's and the walk's weights stored beside it.</summary>
    public const int CurrentFormat = 2;
}
