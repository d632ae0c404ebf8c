using System.Globalization;

namespace KtvRec.Training.Data;

/// <summary>
/// Reads the labeled text formats the CLI accepts: libFM (<c>label id:value ...</c>), libffm
/// (<c>label field:id:value ...</c>) and CSV (a header, a <c>label</c> column, one column per categorical field).
/// Labels may be 0/1 or -1/1. Every malformed line is reported with its file and number.
/// </summary>
public static class DatasetReader
{
    public static IReadOnlyList<string> FormatNames { get; } = ["libfm", "libffm", "csv"];

    /// <summary>The field names of a file: libffm's field numbers, CSV's columns, or libFM's positions.</summary>
    public static IReadOnlyList<string> Fields(string path, string format) => format switch
    {
        "libfm" => LibFmFields(path),
        "libffm" => Enumerable.Range(0, LibFfmFieldCount(path)).Select(i => $"f{i}").ToList(),
        "csv" => CsvDatasetReader.Columns(path).Where(c => c != CsvDatasetReader.LabelColumn).ToList(),
        _ => throw new ArgumentException($"Unknown format '{format}'; use one of {string.Join(", ", FormatNames)}."),
    };

    /// <summary>Reads rows, giving each feature a field index consistent with <paramref name="fields"/>.</summary>
    public static IEnumerable<RawRow> Read(string path, string format, IReadOnlyList<string> fields) => format switch
    {
        "libfm" => ReadLibFm(path, fields.Count),
        "libffm" => ReadLibFfm(path, fields.Count),
        "csv" => CsvDatasetReader.Read(path, fields),
        _ => throw new ArgumentException($"Unknown format '{format}'; use one of {string.Join(", ", FormatNames)}."),
    };

    public static float ParseLabel(string text, string path, int line)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var label))
            throw new DataFormatException(path, line, $"the label '{text}' is not a number.");
        return label switch
        {
            1f => 1f,
            0f or -1f => 0f,
            _ => throw new DataFormatException(path, line, $"the label '{text}' must be 0 or 1 (or -1 or 1)."),
        };
    }

    /// <summary>When every row has the same number of features, a feature's field is its position; otherwise one shared field.</summary>
    private static List<string> LibFmFields(string path)
    {
        int? width = null;
        foreach (var (line, number) in Lines(path))
        {
            var count = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length - 1;
            if (width is null) width = count;
            else if (width != count) return ["features"];
        }
        return Enumerable.Range(0, width ?? 0).Select(i => $"p{i}").ToList();
    }

    private static IEnumerable<RawRow> ReadLibFm(string path, int fieldCount) => ReadRows(path, (token, position, line) =>
    {
        var pair = token.Split(':');
        if (pair.Length != 2 || pair[0].Length == 0)
            throw new DataFormatException(path, line, $"'{token}' is not id:value.");
        var positional = fieldCount > 1;
        if (positional && position >= fieldCount)
            throw new DataFormatException(path, line, $"the row has more than the {fieldCount} features of each training row.");
        return new RawFeature(positional ? position : 0, pair[0], ParseValue(pair[1], path, line));
    });

    private static int LibFfmFieldCount(string path)
    {
        var fields = 0;
        foreach (var (line, number) in Lines(path))
        {
            foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                fields = Math.Max(fields, ParseField(part.Split(':')[0], path, number) + 1);
        }
        return fields;
    }

    private static IEnumerable<RawRow> ReadLibFfm(string path, int fieldCount) => ReadRows(path, (token, _, line) =>
    {
        var triple = token.Split(':');
        if (triple.Length != 3 || triple[1].Length == 0)
            throw new DataFormatException(path, line, $"'{token}' is not field:id:value.");
        var field = ParseField(triple[0], path, line);
        if (field >= fieldCount)
            throw new DataFormatException(path, line, $"field {field} is not among the {fieldCount} fields of the training file.");
        return new RawFeature(field, triple[1], ParseValue(triple[2], path, line));
    });

    /// <summary>Space-separated rows: a label, then features parsed by <paramref name="parse"/> (token, position, line).</summary>
    private static IEnumerable<RawRow> ReadRows(string path, Func<string, int, int, RawFeature> parse)
    {
        foreach (var (line, number) in Lines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var features = new RawFeature[parts.Length - 1];
            for (var i = 1; i < parts.Length; i++) features[i - 1] = parse(parts[i], i - 1, number);
            yield return new RawRow(ParseLabel(parts[0], path, number), features, number);
        }
    }

    private static int ParseField(string text, string path, int line) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var field) && field < 100_000
            ? field
            : throw new DataFormatException(path, line, $"the field '{text}' is not a small non-negative whole number.");

    private static float ParseValue(string text, string path, int line) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
            ? value
            : throw new DataFormatException(path, line, $"the value '{text}' is not a finite number.");

    /// <summary>Non-empty lines with their 1-based numbers.</summary>
    private static IEnumerable<(string Line, int Number)> Lines(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line)) yield return (line.Trim(), number);
        }
    }
}
