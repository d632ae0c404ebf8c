using System.Numerics;
using System.Runtime.InteropServices;

namespace KtvRec.Training.Scoring;

/// <summary>
/// A fully connected layer over a batch of rows in managed SIMD: each row's outputs are built as the bias plus each
/// input times its row of the transposed weights, 32 outputs at a time held in registers. Inputs that are 0 (half of
/// them after a ReLU) are skipped.
/// </summary>
internal static class DenseKernel
{
    /// <param name="input">[rows × inputs], row-major.</param>
    /// <param name="transposed">The layer's weights as [inputs × outputs], row-major.</param>
    /// <param name="output">[rows × outputs], row-major.</param>
    public static void Forward(ReadOnlySpan<float> input, int rows, ReadOnlySpan<float> transposed, ReadOnlySpan<float> bias, Span<float> output, bool relu)
    {
        var outputs = bias.Length;
        var inputs = transposed.Length / outputs;
        var width = Vector<float>.Count;
        ref var weights = ref MemoryMarshal.GetReference(transposed);
        for (var row = 0; row < rows; row++)
        {
            var x = input.Slice(row * inputs, inputs);
            var y = output.Slice(row * outputs, outputs);
            var o = 0;
            for (; o + 4 * width <= outputs; o += 4 * width)
            {
                var a0 = new Vector<float>(bias[o..]);
                var a1 = new Vector<float>(bias[(o + width)..]);
                var a2 = new Vector<float>(bias[(o + 2 * width)..]);
                var a3 = new Vector<float>(bias[(o + 3 * width)..]);
                for (var k = 0; k < inputs; k++)
                {
                    if (x[k] == 0) continue;
                    var xk = new Vector<float>(x[k]);
                    var at = (nuint)(k * outputs + o);
                    a0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref weights, at), xk, a0);
                    a1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref weights, at + (nuint)width), xk, a1);
                    a2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref weights, at + (nuint)(2 * width)), xk, a2);
                    a3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref weights, at + (nuint)(3 * width)), xk, a3);
                }
                Store(a0, y[o..], relu);
                Store(a1, y[(o + width)..], relu);
                Store(a2, y[(o + 2 * width)..], relu);
                Store(a3, y[(o + 3 * width)..], relu);
            }
            for (; o < outputs; o++)
            {
                var sum = bias[o];
                for (var k = 0; k < inputs; k++) sum += x[k] * transposed[k * outputs + o];
                y[o] = relu ? MathF.Max(sum, 0) : sum;
            }
        }
    }

    private static void Store(Vector<float> value, Span<float> destination, bool relu) =>
        (relu ? Vector.Max(value, Vector<float>.Zero) : value).CopyTo(destination);

    /// <summary>[outputs × inputs] as [inputs × outputs].</summary>
    public static float[] Transpose(float[] weights, int outputs, int inputs)
    {
        var transposed = new float[weights.Length];
        for (var o = 0; o < outputs; o++)
            for (var i = 0; i < inputs; i++) transposed[i * outputs + o] = weights[o * inputs + i];
        return transposed;
    }
}
