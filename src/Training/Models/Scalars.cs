using TorchSharp;

namespace KtvRec.Training.Models;

/// <summary>
/// The constants the models' arithmetic needs, made once and held for the life of the process. TorchSharp 0.107 turns
/// every C# number in tensor arithmetic (and the implicit alpha of <c>a + b</c>) into a new native Scalar that only its
/// finalizer frees, and the finalizer can run while libtorch still reads it: under load a served model failed with
/// "Expected false to be true … toFloat at Scalar.h:140". A Scalar a static field holds is never finalized.
/// </summary>
internal static class Scalars
{
    public static readonly Scalar One = 1.ToScalar();
    public static readonly Scalar Half = 0.5.ToScalar();
}
