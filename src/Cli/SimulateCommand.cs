using System.Globalization;
using System.Text;
using KtvRec.Domain.Simulation;
using KtvRec.Training.Data;
using KtvRec.Training.Metrics;
using KtvRec.Training.Trainer;

namespace KtvRec.Cli;

/// <summary>
/// simulate: a simulated venue's ranker rows (the candidates the pipeline generates, labeled by what the users went on
/// to enjoy) as libfm, libffm and csv files, with the oracle's true probability of each row: train rows from the known
/// part of the venue, test rows from its held-out users.
/// </summary>
public static class SimulateCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output, TextWriter error)
    {
        var outDirectory = args.RequiredText("out");
        var venue = SimulationArguments.Generate(args);
        var testShare = args.Double("test", 0.2, 0.01, 0.9);
        args.RefuseUnknown();

        // Every token gets its own id (min count 1), so the files hold the raw categorical data.
        var options = VenueTrainingOptions.Defaults with { HeldOut = VenueTrainingOptions.Defaults.HeldOut with { Fraction = testShare } };
        var (space, train, test) = RankerDataset.Build(venue.ToSnapshot(), options, minCount: 1);
        var tables = new Dictionary<string, (FeatureTable Table, RankerRows Rows)> { ["train"] = (train.Encode(space), train), ["test"] = (test.Encode(space), test) };
        Directory.CreateDirectory(outDirectory);
        foreach (var (name, (table, rows)) in tables)
        {
            await File.WriteAllTextAsync(Path.Combine(outDirectory, $"{name}.libfm"), LibFm(table));
            await File.WriteAllTextAsync(Path.Combine(outDirectory, $"{name}.libffm"), LibFfm(table));
            await File.WriteAllTextAsync(Path.Combine(outDirectory, $"{name}.csv"), Csv(table, space));
            await File.WriteAllLinesAsync(Path.Combine(outDirectory, $"{name}.oracle.txt"),
                Oracle(venue, rows).Select(p => p.ToString("R", CultureInfo.InvariantCulture)));
        }

        var testTable = tables["test"].Table;
        await JsonOutput.WriteAsync(new Dictionary<string, object?>
        {
            ["out"] = Path.GetFullPath(outDirectory),
            ["events"] = venue.Events.Count,
            ["train_rows"] = tables["train"].Table.Count,
            ["test_rows"] = testTable.Count,
            ["test_positive_share"] = testTable.Labels.Average(),
            ["oracle_test_auc"] = BinaryMetrics.Auc(testTable.Labels, Oracle(venue, test)),
        }, null, output);
        return 0;
    }

    private static float[] Oracle(SimulatedVenue venue, RankerRows rows) =>
        rows.Keys.Select(key => (float)venue.Oracle.TrueProbability(key.UserId, key.SongId, key.Context)).ToArray();

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
