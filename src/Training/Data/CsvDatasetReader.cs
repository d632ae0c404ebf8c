using KtvRec.Domain.Csv;

namespace KtvRec.Training.Data;

/// <summary>CSV training files: a header row, a <c>label</c> column, and one column per categorical field.</summary>
public static class CsvDatasetReader
{
    public const string LabelColumn = "label";

    public static IReadOnlyList<string> Columns(string path)
    {
        using var reader = File.OpenText(path);
        var header = CsvReader.Read(reader).FirstOrDefault()
            ?? throw new DataFormatException(path, 1, "the file is empty; expected a header row.");
        if (!header.Fields.Contains(LabelColumn))
            throw new DataFormatException(path, 1, $"the header has no '{LabelColumn}' column.");
        return header.Fields;
    }

    /// <summary>Reads rows; a column of the training file that this file lacks is an error, an empty cell is a token of its own.</summary>
    public static IEnumerable<RawRow> Read(string path, IReadOnlyList<string> fields)
    {
        using var reader = File.OpenText(path);
        using var records = Records(reader, path).GetEnumerator();
        if (!records.MoveNext()) yield break;

        var header = records.Current.Fields;
        var label = IndexOf(header, LabelColumn, path);
        var columns = fields.Select(field => IndexOf(header, field, path)).ToArray();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.Count != header.Count)
                throw new DataFormatException(path, record.LineNumber, $"the row has {record.Fields.Count} columns, the header {header.Count}.");
            var features = new RawFeature[columns.Length];
            for (var field = 0; field < columns.Length; field++)
                features[field] = new RawFeature(field, record.Fields[columns[field]]);
            yield return new RawRow(DatasetReader.ParseLabel(record.Fields[label], path, record.LineNumber), features, record.LineNumber);
        }
    }

    /// <summary>CSV records, with a malformed one reported as a <see cref="DataFormatException"/> naming the file.</summary>
    internal static IEnumerable<CsvRecord> Records(TextReader reader, string path)
    {
        using var records = CsvReader.Read(reader).GetEnumerator();
        while (true)
        {
            try
            {
                if (!records.MoveNext()) yield break;
            }
            catch (CsvFormatException exception)
            {
                throw new DataFormatException(path, exception.LineNumber, exception.Reason);
            }
            yield return records.Current;
        }
    }

    private static int IndexOf(IReadOnlyList<string> header, string column, string path)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == column) return i;
        }
        throw new DataFormatException(path, 1, $"the header has no '{column}' column.");
    }
}
