namespace KtvRec.Training.Data;

/// <summary>
/// Encoded rows as the trainer reads them, a batch at a time: a <see cref="FeatureTable"/> held whole, or rows encoded
/// only when their batch is read (a retrain's ranker rows: <see cref="Trainer.RankerRows.EncodeByBatch"/>).
/// </summary>
public interface IRowSource
{
    /// <summary>Slots per row: one index, value and field each.</summary>
    int Slots { get; }

    int Count { get; }

    /// <summary>Every row's label, in row order.</summary>
    IReadOnlyList<float> Labels { get; }

    /// <summary>Writes row <paramref name="row"/>'s slots into the three spans, each <see cref="Slots"/> long.</summary>
    void CopyRow(int row, Span<int> indices, Span<float> values, Span<int> fields);
}
