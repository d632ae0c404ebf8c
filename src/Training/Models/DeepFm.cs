using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace KtvRec.Training.Models;

/// <summary>
/// DeepFM (Guo et al. 2017): first-order weights, FM pairwise interactions and a DNN, all over the same field
/// embeddings. The DNN sees one vector per field: the value-weighted sum of that field's slots (multi-valued fields
/// such as tags are pooled).
/// </summary>
public sealed class DeepFm : CtrModel
{
    private readonly FirstOrder _linear;
    private readonly FieldEmbeddings _embeddings;
    private readonly Sequential _dnn;
    private readonly long _fieldCount;
    private readonly long _embeddingDim;

    public DeepFm(ModelShape shape) : base(nameof(DeepFm))
    {
        _fieldCount = shape.FieldCount;
        _embeddingDim = shape.EmbeddingDim;
        _linear = new FirstOrder(shape.FeatureCount);
        _embeddings = new FieldEmbeddings(shape.FeatureCount, shape.EmbeddingDim);
        _dnn = Dnn(shape.FieldCount * shape.EmbeddingDim, shape.HiddenLayers, shape.Dropout, shape.BatchNorm);
        RegisterComponents();
    }

    public override Tensor forward(Tensor indices, Tensor values, Tensor fields)
    {
        var embedded = _embeddings.forward(indices, values);
        return _linear.forward(indices, values)
            .add(FieldEmbeddings.PairwiseInteractions(embedded), Scalars.One)
            .add(_dnn.forward(PerField(embedded, fields).flatten(1)).squeeze(-1), Scalars.One);
    }

    /// <summary>[batch, fields, dimension]: each field's slots summed (multi-valued fields pooled).</summary>
    private Tensor PerField(Tensor embedded, Tensor fields) =>
        zeros([embedded.shape[0], _fieldCount, _embeddingDim], embedded.dtype, embedded.device)
            .scatter_add(1, fields.unsqueeze(-1).expand(-1, -1, _embeddingDim), embedded);

    public override ModelWeights Export()
    {
        var (bias, weights) = _linear.Export();
        return new ModelWeights(bias, weights, _embeddings.Export(), (int)_embeddingDim, DnnExport.Layers(_dnn));
    }

    public override Tensor EmbeddingPenalty(Tensor indices, Tensor values) =>
        FieldEmbeddings.Penalty(_embeddings.forward(indices, values));

    private static Sequential Dnn(long inputs, IReadOnlyList<int> hidden, double dropout, bool batchNorm)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        var width = inputs;
        for (var i = 0; i < hidden.Count; i++)
        {
            layers.Add(($"linear{i}", Linear(width, hidden[i])));
            if (batchNorm) layers.Add(($"norm{i}", new BatchNormalization(hidden[i])));
            layers.Add(($"relu{i}", ReLU()));
            if (dropout > 0) layers.Add(($"dropout{i}", Dropout(dropout)));
            width = hidden[i];
        }
        layers.Add(("output", Linear(width, 1)));
        return Sequential(layers);
    }
}
