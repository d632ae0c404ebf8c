using TorchSharp;
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

    /// <summary>
    /// The logits of rows made of one shared part ([1, shared slots]: a request's user and context) and a part of
    /// their own ([batch, slots]: each candidate song): the same as <c>forward</c> on the joined rows, with the shared
    /// part looked up and summed once.
    /// </summary>
    public abstract Tensor ForwardShared(
        Tensor sharedIndices, Tensor sharedValues, Tensor sharedFields, Tensor indices, Tensor values, Tensor fields);

    /// <summary>
    /// For rows of one side only (a user's part or a song's part): the sum of their embeddings ([batch, dimension];
    /// [batch, 0] without embeddings) and their own score (first-order weights plus the pairs within the side, [batch]).
    /// The FM part of a whole row's logit is then the bias, both sides' own scores and the dot product of their sums:
    /// what retrieval over a catalog ranks by.
    /// </summary>
    public abstract (Tensor Sum, Tensor Own) SideVectors(Tensor indices, Tensor values);

    public static CtrModel Create(ModelShape shape) => shape.Kind switch
    {
        ModelKind.Lr => new LogisticRegression(shape.FeatureCount),
        ModelKind.Fm => new FactorizationMachine(shape.FeatureCount, shape.EmbeddingDim),
        ModelKind.DeepFm => new DeepFm(shape),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape.Kind, "Unknown model kind."),
    };
}
