using System.Text.Json;
using KtvRec.Training.Trainer;

namespace KtvRec.Cli;

internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>Prints the result as one JSON object, and writes it to --json FILE when asked.</summary>
    public static async Task WriteAsync(IReadOnlyDictionary<string, object?> result, string? file, TextWriter output)
    {
        var json = JsonSerializer.Serialize(result, Options);
        await output.WriteLineAsync(json);
        if (file is not null) await File.WriteAllTextAsync(file, json);
    }

    public static Action<EpochReport> Progress(TextWriter error) => epoch => error.WriteLine(
        $"epoch {epoch.Epoch}: loss {epoch.TrainLoss:F4}, validation AUC {epoch.ValidationAuc:F4}, logloss {epoch.ValidationLogLoss:F4}, " +
        (epoch.ValidationNdcg is { } ndcg ? $"NDCG {ndcg:F4}, " : "") +
        $"{epoch.SamplesPerSecond:F0} samples/s, lr {epoch.LearningRate:G3}");
}
