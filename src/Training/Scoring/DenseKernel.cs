using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KtvRec.Training.Scoring;

/// <summary>
/// A fully connected layer over a batch of rows in managed SIMD, as a small matrix product: four rows at a time
/// against two vectors of outputs, so each loaded vector of weights serves four rows and eight sums stay in registers,
/// and a block of weights (inputs × two vectors) stays in the L1 cache while every row passes it. No branch on the
/// data: skipping the zeros a ReLU leaves cost more in mispredicted branches than the multiplications it saved.
/// </summary>
internal static class DenseKernel
{
    private const int RowBlock = 4;

    /// <param name="input">[rows × inputs], row-major.</param>
    /// <param name="transposed">The layer's weights as [inputs × outputs], row-major.</param>
    /// <param name="output">[rows × outputs], row-major.</param>
    public static void Forward(ReadOnlySpan<float> input, int rows, ReadOnlySpan<float> transposed, ReadOnlySpan<float> bias, Span<float> output, bool relu)
    {
        var outputs = bias.Length;
        var inputs = transposed.Length / outputs;
        var width = Vector<float>.Count;
        var block = 2 * width;
        var blocked = outputs - outputs % block;
        ref var w = ref MemoryMarshal.GetReference(transposed);
        ref var x = ref MemoryMarshal.GetReference(input);
        var grouped = rows - rows % RowBlock;
        for (var o = 0; o < blocked; o += block)
        {
            var b0 = new Vector<float>(bias[o..]);
            var b1 = new Vector<float>(bias[(o + width)..]);
            for (var row = 0; row < grouped; row += RowBlock)
            {
                var (a00, a01, a10, a11, a20, a21, a30, a31) = (b0, b1, b0, b1, b0, b1, b0, b1);
                var x0 = (nuint)(row * inputs);
                var (x1, x2, x3) = (x0 + (nuint)inputs, x0 + (nuint)(2 * inputs), x0 + (nuint)(3 * inputs));
                for (var k = 0; k < inputs; k++)
                {
                    var at = (nuint)(k * outputs + o);
                    var w0 = Vector.LoadUnsafe(ref w, at);
                    var w1 = Vector.LoadUnsafe(ref w, at + (nuint)width);
                    var v = new Vector<float>(At(ref x, x0 + (nuint)k));
                    a00 = Vector.FusedMultiplyAdd(w0, v, a00);
                    a01 = Vector.FusedMultiplyAdd(w1, v, a01);
                    v = new Vector<float>(At(ref x, x1 + (nuint)k));
                    a10 = Vector.FusedMultiplyAdd(w0, v, a10);
                    a11 = Vector.FusedMultiplyAdd(w1, v, a11);
                    v = new Vector<float>(At(ref x, x2 + (nuint)k));
                    a20 = Vector.FusedMultiplyAdd(w0, v, a20);
                    a21 = Vector.FusedMultiplyAdd(w1, v, a21);
                    v = new Vector<float>(At(ref x, x3 + (nuint)k));
                    a30 = Vector.FusedMultiplyAdd(w0, v, a30);
                    a31 = Vector.FusedMultiplyAdd(w1, v, a31);
                }
                Store(a00, a01, output[(row * outputs + o)..], width, relu);
                Store(a10, a11, output[((row + 1) * outputs + o)..], width, relu);
                Store(a20, a21, output[((row + 2) * outputs + o)..], width, relu);
                Store(a30, a31, output[((row + 3) * outputs + o)..], width, relu);
            }
        }
        // The last rows (fewer than four) through the same blocks, padded with zero rows.
        if (grouped < rows && blocked > 0)
        {
            var left = rows - grouped;
            Span<float> padded = new float[RowBlock * inputs];
            Span<float> result = new float[RowBlock * outputs];
            input.Slice(grouped * inputs, left * inputs).CopyTo(padded);
            Forward(padded, RowBlock, transposed, bias, result, relu);
            for (var row = 0; row < left; row++)
                result.Slice(row * outputs, blocked).CopyTo(output.Slice((grouped + row) * outputs, blocked));
        }
        // The last outputs (fewer than two vectors; the output layer's one): each a dot product with its column.
        Span<float> column = inputs <= 1024 ? stackalloc float[inputs] : new float[inputs];
        for (var o = blocked; o < outputs; o++)
        {
            for (var k = 0; k < inputs; k++) column[k] = transposed[k * outputs + o];
            for (var row = 0; row < rows; row++)
            {
                var sum = bias[o] + TensorPrimitives.Dot(input.Slice(row * inputs, inputs), column);
                output[row * outputs + o] = relu ? MathF.Max(sum, 0) : sum;
            }
        }
    }

    private static float At(ref float start, nuint offset) => Unsafe.Add(ref start, offset);

    private static void Store(Vector<float> low, Vector<float> high, Span<float> destination, int width, bool relu)
    {
        if (relu) (low, high) = (Vector.Max(low, Vector<float>.Zero), Vector.Max(high, Vector<float>.Zero));
        low.CopyTo(destination);
        high.CopyTo(destination[width..]);
    }

    /// <summary>[outputs × inputs] as [inputs × outputs].</summary>
    public static float[] Transpose(float[] weights, int outputs, int inputs)
    {
        var transposed = new float[weights.Length];
        for (var o = 0; o < outputs; o++)
            for (var i = 0; i < inputs; i++) transposed[i * outputs + o] = weights[o * inputs + i];
        return transposed;
    }
}
