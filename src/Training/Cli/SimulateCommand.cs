using System.Globalization;
using System.Text;
using KtvRec.Domain.Simulation;
using KtvRec.Training.Data;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.Metrics;

namespace KtvRec.Training.Cli;

/// <summary>simulate: a simulated venue's labeled rows as libfm, libffm and csv files, with the oracle's true probabilities.</summary>
public static class SimulateCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output, TextWriter error)
    {
        var outDirectory = args.RequiredText("out");
        var venue = SimulationArguments.Generate(args);
        var negatives = args.Int("negatives", 2, 0, 100);
        var testShare = args.Double("test", 0.2, 0.01, 0.9);
        args.RefuseUnknown();

        // Every token gets its own id (min count 1), so the files hold the raw categorical data.
        var data = KtvDataset.Build(venue.ToSnapshot(), new DatasetOptions(negatives, testShare, MinCount: 1));
        Directory.CreateDirectory(outDirectory);
        foreach (var (name, table, rows) in new[] { ("train", data.Train, data.TrainInteractions), ("test", data.Validation, data.ValidationInteractions) })
        {
            await File.WriteAllTextAsync(Path.Combine(outDirectory, $"{name}.libfm"), LibFm(table));
            await File.WriteAllTextAsync(Path.Combine(outDirectory, $"{name}.libffm"), LibFfm(table));
            await File.WriteAllTextAsync(Path.Combine(outDirectory, $"{name}.csv"), Csv(table, data.Space));
            var oracle = OracleEvaluation.Probabilities(venue.Oracle, rows);
            await File.WriteAllLinesAsync(Path.Combine(outDirectory, $"{name}.oracle.txt"), oracle.Select(p => p.ToString("R", CultureInfo.InvariantCulture)));
        }

        await JsonOutput.WriteAsync(new Dictionary<string, object?>
        {
            ["out"] = Path.GetFullPath(outDirectory),
            ["events"] = venue.Events.Count,
            ["train_rows"] = data.Train.Count,
            ["test_rows"] = data.Validation.Count,
            ["test_positive_share"] = data.Validation.Labels.Average(),
            ["oracle_test_auc"] = BinaryMetrics.Auc(data.Validation.Labels, OracleEvaluation.Probabilities(venue.Oracle, data.ValidationInteractions)),
        }, null, output);
        return 0;
    }

    /// <summary>Every slot, padding included (as 0:0), so each row has the same width and a feature's field is its position.</summary>
    private static string LibFm(FeatureTable table) => Rows(table, (text, row, slot) =>
        text.Append(CultureInfo.InvariantCulture, $" {table.Indices[row * table.Slots + slot]}:{table.Values[row * table.Slots + slot]:R}"));

    private static string LibFfm(FeatureTable table) => Rows(table, (text, row, slot) =>
    {
        var i = row * table.Slots + slot;
        if (table.Indices[i] != FeatureSpace.PaddingIndex)
            text.Append(CultureInfo.InvariantCulture, $" {table.Fields[i]}:{table.Indices[i]}:{table.Values[i]:R}");
    });

    private static string Rows(FeatureTable table, Action<StringBuilder, int, int> appendSlot)
    {
        var text = new StringBuilder();
        for (var row = 0; row < table.Count; row++)
        {
            text.Append(table.Labels[row] > 0.5f ? '1' : '0');
            for (var slot = 0; slot < table.Slots; slot++) appendSlot(text, row, slot);
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>One column per field; a multi-valued field's ids joined with | into one categorical value.</summary>
    private static string Csv(FeatureTable table, FeatureSpace space)
    {
        var text = new StringBuilder("label," + string.Join(',', space.FieldNames) + "\n");
        for (var row = 0; row < table.Count; row++)
        {
            var values = new List<long>[space.FieldCount];
            for (var field = 0; field < values.Length; field++) values[field] = [];
            for (var slot = 0; slot < table.Slots; slot++)
            {
                var i = row * table.Slots + slot;
                if (table.Indices[i] != FeatureSpace.PaddingIndex) values[table.Fields[i]].Add(table.Indices[i]);
            }
            text.Append(table.Labels[row] > 0.5f ? '1' : '0');
            foreach (var ids in values) text.Append(',').Append(string.Join('|', ids));
            text.Append('\n');
        }
        return text.ToString();
    }
}
