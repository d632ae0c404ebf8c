using KtvRec.Training.Data;
using static TorchSharp.torch;

namespace KtvRec.Training.Trainer;

/// <summary>Copies rows of a table into reusable buffers and hands them to libtorch as one batch.</summary>
internal sealed class Batches(FeatureTable table, int batchSize)
{
    private readonly long[] _indices = new long[batchSize * table.Slots];
    private readonly float[] _values = new float[batchSize * table.Slots];
    private readonly long[] _fields = new long[batchSize * table.Slots];
    private readonly float[] _labels = new float[batchSize];

    public int Count(int rows) => (rows + batchSize - 1) / batchSize;

    /// <summary>Batch <paramref name="batch"/> of the rows in <paramref name="order"/> (or in table order when null).</summary>
    public (Tensor Indices, Tensor Values, Tensor Fields, Tensor Labels) Get(int batch, int[]? order, Device device)
    {
        var slots = table.Slots;
        var first = batch * batchSize;
        var rows = Math.Min(batchSize, table.Count - first);
        for (var i = 0; i < rows; i++)
        {
            var row = order?[first + i] ?? first + i;
            Array.Copy(table.Indices, row * slots, _indices, i * slots, slots);
            Array.Copy(table.Values, row * slots, _values, i * slots, slots);
            Array.Copy(table.Fields, row * slots, _fields, i * slots, slots);
            _labels[i] = table.Labels[row];
        }
        long[] shape = [rows, slots];
        // torch.tensor copies the managed data, so the buffers can be refilled for the next batch.
        return (
            tensor(Part(_indices, rows * slots), shape).to(device),
            tensor(Part(_values, rows * slots), shape).to(device),
            tensor(Part(_fields, rows * slots), shape).to(device),
            tensor(Part(_labels, rows)).to(device));
    }

    private static T[] Part<T>(T[] buffer, int length) => length == buffer.Length ? buffer : buffer[..length];
}
