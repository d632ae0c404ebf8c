using static TorchSharp.torch;

namespace KtvRec.Training.Trainer;

public static class Devices
{
    /// <summary>auto picks CUDA when libtorch sees a GPU (needs the TorchSharp-cuda build), else the CPU.</summary>
    public static Device Resolve(string name) => name.ToLowerInvariant() switch
    {
        "auto" => cuda.is_available() ? CUDA : CPU,
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new InvalidOperationException(
            "CUDA was asked for but libtorch sees no GPU; build with -p:TorchSharpBackend=cuda on a machine with one."),
        _ => throw new ArgumentException($"Unknown device '{name}'; use auto, cpu or cuda."),
    };
}
