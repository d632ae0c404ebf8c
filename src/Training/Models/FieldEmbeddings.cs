using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace KtvRec.Training.Models;

/// <summary>One embedding per feature, scaled by its value: the vectors FM and DNN share.</summary>
public sealed class FieldEmbeddings : Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding _embeddings;

    public FieldEmbeddings(int featureCount, int dimension) : base(nameof(FieldEmbeddings))
    {
        _embeddings = Embedding(featureCount, dimension, padding_idx: 0);
        RegisterComponents();
        using (no_grad())
        {
            init.normal_(_embeddings.weight!, 0, 0.01);
            _embeddings.weight![0].zero_();
        }
    }

    public int Dimension => (int)_embeddings.weight!.shape[1];

    /// <summary>Every feature's embedding, [features × dimension] row-major.</summary>
    public float[] Export() => ModelWeights.ToArray(_embeddings.weight!);

    /// <returns>[batch, slots, dimension]</returns>
    public override Tensor forward(Tensor indices, Tensor values) => _embeddings.forward(indices) * values.unsqueeze(-1);

    /// <summary>The FM's pairwise term through the O(kn) identity: ½ Σ_k [(Σ_i v_ik)² − Σ_i v_ik²].</summary>
    /// <remarks>x * x rather than square(), and held Scalars rather than C# numbers: see <see cref="Scalars"/>.</remarks>
    public static Tensor PairwiseInteractions(Tensor embedded)
    {
        var sum = embedded.sum(1);
        return (sum * sum - (embedded * embedded).sum(1)).sum(1).mul(Scalars.Half);
    }

    public static Tensor Penalty(Tensor embedded) => (embedded * embedded).sum([1, 2]);
}
