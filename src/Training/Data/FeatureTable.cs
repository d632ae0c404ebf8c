namespace KtvRec.Training.Data;

/// <summary>
/// Encoded rows ready for a model: each row has <see cref="Slots"/> slots, each an index into the feature space, a
/// value, and the field it belongs to (a multi-valued field such as tags fills several slots). Unused slots are
/// padding with value 0. Row-major arrays, so a batch is a contiguous copy.
/// </summary>
public sealed class FeatureTable : IRowSource
{
    public FeatureTable(int slots, int[] indices, float[] values, int[] fields, float[] labels)
    {
        if (indices.Length != labels.Length * slots || values.Length != indices.Length || fields.Length != indices.Length)
            throw new ArgumentException("Every row needs exactly one index, value and field per slot.");
        Slots = slots;
        Indices = indices;
        Values = values;
        Fields = fields;
        Labels = labels;
    }

    public int Slots { get; }
    /// <summary>32-bit here (libtorch gets 64-bit per batch): half the memory, and a request's table stays off the large-object heap.</summary>
    public int[] Indices { get; }
    public float[] Values { get; }
    public int[] Fields { get; }
    public float[] Labels { get; }
    public int Count => Labels.Length;

    IReadOnlyList<float> IRowSource.Labels => Labels;

    public void CopyRow(int row, Span<int> indices, Span<float> values, Span<int> fields)
    {
        Indices.AsSpan(row * Slots, Slots).CopyTo(indices);
        Values.AsSpan(row * Slots, Slots).CopyTo(values);
        Fields.AsSpan(row * Slots, Slots).CopyTo(fields);
    }

    /// <summary>Encodes rows with a fitted feature space; features past <paramref name="slots"/> are dropped.</summary>
    public static FeatureTable Encode(FeatureSpace space, IEnumerable<RawRow> rows, int slots)
    {
        // Sized once: a request's few hundred rows stay off the large-object heap, a training set is not copied twice.
        var list = rows as IReadOnlyList<RawRow> ?? rows.ToList();
        var indices = new int[list.Count * slots];
        var values = new float[list.Count * slots];
        var fields = new int[list.Count * slots];
        var labels = new float[list.Count];
        for (var row = 0; row < list.Count; row++)
        {
            var raw = list[row];
            var first = row * slots;
            var used = Math.Min(slots, raw.Features.Count);
            for (var slot = 0; slot < used; slot++)
            {
                var feature = raw.Features[slot];
                // A field newer than the model's vocabulary is left out: that model was trained without it.
                if (feature.Field >= space.FieldCount) continue;
                indices[first + slot] = space.IndexOf(feature.Field, feature.Token);
                values[first + slot] = feature.Value;
                fields[first + slot] = feature.Field;
            }
            // The remaining slots stay padding: index 0, value 0, field 0.
            labels[row] = raw.Label;
        }
        return new FeatureTable(slots, indices, values, fields, labels);
    }

    /// <summary>The rows at the given positions, as a new table.</summary>
    public FeatureTable Take(IReadOnlyList<int> rows)
    {
        var indices = new int[rows.Count * Slots];
        var values = new float[rows.Count * Slots];
        var fields = new int[rows.Count * Slots];
        var labels = new float[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            Array.Copy(Indices, rows[i] * Slots, indices, i * Slots, Slots);
            Array.Copy(Values, rows[i] * Slots, values, i * Slots, Slots);
            Array.Copy(Fields, rows[i] * Slots, fields, i * Slots, Slots);
            labels[i] = Labels[rows[i]];
        }
        return new FeatureTable(Slots, indices, values, fields, labels);
    }
}
