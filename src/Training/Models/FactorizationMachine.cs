using static TorchSharp.torch;

namespace KtvRec.Training.Models;

/// <summary>Rendle's FM: first order plus every pair of features interacting through their embeddings' dot product.</summary>
public sealed class FactorizationMachine : CtrModel
{
    private readonly FirstOrder _linear;
    private readonly FieldEmbeddings _embeddings;

    public FactorizationMachine(int featureCount, int embeddingDim) : base(nameof(FactorizationMachine))
    {
        _linear = new FirstOrder(featureCount);
        _embeddings = new FieldEmbeddings(featureCount, embeddingDim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor indices, Tensor values, Tensor fields) =>
        _linear.forward(indices, values).add(FieldEmbeddings.PairwiseInteractions(_embeddings.forward(indices, values)), Scalars.One);

    public override ModelWeights Export()
    {
        var (bias, weights) = _linear.Export();
        return new ModelWeights(bias, weights, _embeddings.Export(), _embeddings.Dimension, []);
    }

    public override Tensor EmbeddingPenalty(Tensor indices, Tensor values) =>
        FieldEmbeddings.Penalty(_embeddings.forward(indices, values));
}
