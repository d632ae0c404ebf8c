using System.Text.Json;
using KtvRec.Bench.Report;

namespace KtvRec.Bench.Training;

/// <summary>Sections built from the JSON the offline training CLI writes (<c>train --json</c>, <c>evaluate --json</c>).</summary>
public static class CliFigures
{
    /// <summary>The PyTorch implementation of the same net on this machine, as the issue states it (PyTorch can't be installed here).</summary>
    private const double PyTorchSamplesPerSecond = 15_000;

    /// <param name="directory">Holds lr.json, fm.json and deepfm.json from <c>train --simulate true</c>.</param>
    public static BenchSection Quality(string directory)
    {
        var runs = new[] { "lr", "fm", "deepfm" }.ToDictionary(m => m, m => Read(Path.Combine(directory, $"{m}.json")));
        var deepFm = runs["deepfm"];
        var section = new SectionBuilder("quality", "Model quality on the simulated venue (held-out newest 10 %)",
            "ranker", "AUC", "Recall@20", "NDCG@20", "Recall@20 / popularity");
        void Add(string name, string prefix)
        {
            var auc = deepFm[$"{prefix}auc"];
            var recall = deepFm[$"{prefix}recall@20"];
            section.Row(name, Format.Auc(auc), Format.Auc(recall), Format.Auc(deepFm[$"{prefix}ndcg@20"]), $"{recall / deepFm["popularity_recall@20"]:F2}×")
                .Figure($"{name}_auc", auc).Figure($"{name}_recall20", recall);
        }
        Add("popularity", "popularity_");
        foreach (var (name, run) in runs)
        {
            var recall = run["recall@20"];
            section.Row(name, Format.Auc(run["auc"]), Format.Auc(recall), Format.Auc(run["ndcg@20"]), $"{recall / run["popularity_recall@20"]:F2}×")
                .Figure($"{name}_auc", run["auc"]).Figure($"{name}_recall20", recall);
        }
        Add("oracle", "oracle_");
        return section
            .Note($"{deepFm["train_rows"]:N0} training rows, {deepFm["validation_rows"]:N0} validation rows, Recall@20 over the whole catalog for {deepFm["ranking_users"]:N0} held-out users. The oracle ranks by the simulator's true probabilities: the ceiling.")
            .Build();
    }

    /// <param name="file">The JSON of <c>evaluate</c> at the reference shape on the Criteo-shaped file.</param>
    public static BenchSection ReferenceShapeSpeed(string file)
    {
        var run = Read(file);
        var speed = run["train_samples_per_sec"];
        return new SectionBuilder("training_cli", "Training through the offline CLI at the reference shape (39 fields, batch 1024, embedding 10, DNN 400-400-400, 2 threads)",
                "train rows", "epochs", "samples/s", "PyTorch, same net, this machine", "KtvRec / PyTorch", "test AUC")
            .Row($"{run["train_rows"]:N0}", $"{run["epochs"]}", Format.Rate(speed), Format.Rate(PyTorchSamplesPerSecond), $"{speed / PyTorchSamplesPerSecond:F2}×", Format.Auc(run["auc"]))
            .Figure("samples_per_sec", speed).Figure("pytorch_samples_per_sec", PyTorchSamplesPerSecond).Figure("test_auc", run["auc"])
            .Note("The PyTorch figure is the issue's (~15k samples/s on this machine); PyTorch can't be installed here, so bench/pytorch/deepfm_reference.py runs beside it only where python3 has torch.")
            .Build();
    }

    private static Dictionary<string, double> Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Number)
            .ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }
}
