using static TorchSharp.torch;

namespace KtvRec.Training.Models;

/// <summary>
/// A click-through-style model: from the feature indices, values and fields of a batch of rows ([batch, slots] each)
/// to the logit that the row is positive ([batch]).
/// </summary>
public abstract class CtrModel(string name) : nn.Module<Tensor, Tensor, Tensor, Tensor>(name)
{
    /// <summary>Sum of squares of the embeddings this batch looks up, per row: L2 on what is used, as in DeepCTR.</summary>
    public abstract Tensor EmbeddingPenalty(Tensor indices, Tensor values);

    /// <summary>The parameters as managed arrays, for scoring without libtorch (<see cref="Scoring.CatalogScorer"/>).</summary>
    public abstract ModelWeights Export();

    public static CtrModel Create(ModelShape shape) => shape.Kind switch
    {
        ModelKind.Lr => new LogisticRegression(shape.FeatureCount),
        ModelKind.Fm => new FactorizationMachine(shape.FeatureCount, shape.EmbeddingDim),
        ModelKind.DeepFm => new DeepFm(shape),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape.Kind, "Unknown model kind."),
    };
}
