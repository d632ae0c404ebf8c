using KtvRec.Training.Data;
using static TorchSharp.torch;

namespace KtvRec.Training.Trainer;

/// <summary>
/// Copies rows (of a table, or encoded as they are read) into reusable buffers and hands them to libtorch as one batch;
/// a table that is one batch in its own order (a request's candidates) goes to libtorch as it is, with no buffers at all.
/// </summary>
internal sealed class Batches(IRowSource table, int batchSize)
{
    private readonly bool _whole = table.Count <= batchSize;
    private int[]? _indices;
    private float[]? _values;
    private int[]? _fields;
    private float[]? _labels;

    public int Count(int rows) => (rows + batchSize - 1) / batchSize;

    /// <summary>Batch <paramref name="batch"/> of the rows in <paramref name="order"/> (or in table order when null).</summary>
    public (Tensor Indices, Tensor Values, Tensor Fields, Tensor Labels) Get(int batch, int[]? order, Device device)
    {
        var slots = table.Slots;
        if (order is null && _whole && table is FeatureTable whole) return ToTensors(whole.Indices, whole.Values, whole.Fields, whole.Labels, whole.Count, slots, device);
        _indices ??= new int[batchSize * slots];
        _values ??= new float[batchSize * slots];
        _fields ??= new int[batchSize * slots];
        _labels ??= new float[batchSize];
        var first = batch * batchSize;
        var rows = Math.Min(batchSize, table.Count - first);
        for (var i = 0; i < rows; i++)
        {
            var row = order?[first + i] ?? first + i;
            table.CopyRow(row, _indices.AsSpan(i * slots, slots), _values.AsSpan(i * slots, slots), _fields.AsSpan(i * slots, slots));
            _labels[i] = table.Labels[row];
        }
        return ToTensors(Part(_indices, rows * slots), Part(_values, rows * slots), Part(_fields, rows * slots), Part(_labels, rows), rows, slots, device);
    }

    // torch.tensor copies the managed data, so the buffers can be refilled for the next batch.
    private static (Tensor Indices, Tensor Values, Tensor Fields, Tensor Labels) ToTensors(
        int[] indices, float[] values, int[] fields, float[] labels, int rows, int slots, Device device)
    {
        long[] shape = [rows, slots];
        return (
            tensor(indices, shape).to(ScalarType.Int64, device),
            tensor(values, shape).to(device),
            tensor(fields, shape).to(ScalarType.Int64, device),
            tensor(labels).to(device));
    }

    private static T[] Part<T>(T[] buffer, int length) => length == buffer.Length ? buffer : buffer[..length];
}
