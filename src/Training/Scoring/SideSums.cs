using System.Numerics.Tensors;
using KtvRec.Training.Data;

namespace KtvRec.Training.Scoring;

/// <summary>
/// For rows of one side of a scored row (a request's user and context, or a song), what that side adds to the logit,
/// summed over its slots: the first-order weights, the FM sum vector and sum of squares, and the DNN first layer's
/// projection of its field embeddings. The two sides of a row then combine with a few vector adds.
/// </summary>
internal sealed class SideSums
{
    private readonly SideWeights _weights;

    public SideSums(SideWeights weights, int rows)
    {
        _weights = weights;
        Dimension = weights.Model.Dimension;
        Hidden = weights.Hidden;
        Linear = new float[rows];
        Squares = new float[rows];
        Sums = new float[rows * Dimension];
        Projections = new float[rows * Hidden];
    }

    public int Dimension { get; }

    /// <summary>The width of the DNN's first layer (0 without a DNN).</summary>
    public int Hidden { get; }

    public float[] Linear { get; }

    /// <summary>Σ over slots of (value · |embedding|)²: what the FM identity subtracts.</summary>
    public float[] Squares { get; }

    public float[] Sums { get; }
    public float[] Projections { get; }

    public Span<float> Sum(int row) => Sums.AsSpan(row * Dimension, Dimension);
    public Span<float> Projection(int row) => Projections.AsSpan(row * Hidden, Hidden);

    /// <summary>Adds every slot of <paramref name="source"/>'s row <paramref name="sourceRow"/> to row <paramref name="row"/>.</summary>
    public void Add(int row, FeatureTable source, int sourceRow)
    {
        for (var slot = sourceRow * source.Slots; slot < (sourceRow + 1) * source.Slots; slot++)
        {
            if (source.Indices[slot] != FeatureSpace.PaddingIndex) Add(row, source.Indices[slot], source.Fields[slot], source.Values[slot]);
        }
    }

    /// <summary>Adds one feature of <paramref name="field"/> with <paramref name="value"/> to row <paramref name="row"/>.</summary>
    public void Add(int row, int feature, int field, float value) => Apply(row, feature, field, value, squareSign: 1);

    /// <summary>Takes out of row <paramref name="row"/> a feature <see cref="Add(int, int, int, float)"/> put in.</summary>
    public void Remove(int row, int feature, int field, float value) => Apply(row, feature, field, -value, squareSign: -1);

    /// <summary>A copy of row <paramref name="row"/> as a side of its own, to change without changing this one.</summary>
    public SideSums CopyRow(int row)
    {
        var copy = new SideSums(_weights, 1);
        Linear.AsSpan(row, 1).CopyTo(copy.Linear);
        Squares.AsSpan(row, 1).CopyTo(copy.Squares);
        Sum(row).CopyTo(copy.Sums);
        Projection(row).CopyTo(copy.Projections);
        return copy;
    }

    private void Apply(int row, int feature, int field, float value, float squareSign)
    {
        Linear[row] += value * _weights.Model.FirstOrder[feature];
        if (Dimension == 0) return;
        var embedding = _weights.Model.Embeddings.AsSpan(feature * Dimension, Dimension);
        var sum = Sum(row);
        TensorPrimitives.MultiplyAdd(embedding, value, sum, sum);
        Squares[row] += squareSign * value * value * TensorPrimitives.Dot(embedding, embedding);
        if (Hidden == 0) return;
        // The first layer reads one pooled vector per field: this slot's part is its block of the layer's inputs.
        var projection = Projection(row);
        var block = field * Dimension;
        for (var d = 0; d < Dimension; d++)
            TensorPrimitives.MultiplyAdd(_weights.FirstLayerByInput.AsSpan((block + d) * Hidden, Hidden), value * embedding[d], projection, projection);
    }

    /// <summary>The row's own score: its first-order weights and the FM pairs within it.</summary>
    public float Own(int row)
    {
        var sum = Sum(row);
        return Linear[row] + 0.5f * (TensorPrimitives.Dot(sum, sum) - Squares[row]);
    }
}
