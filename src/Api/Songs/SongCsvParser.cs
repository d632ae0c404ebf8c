using System.Globalization;
using KtvRec.Api.Validation;
using KtvRec.Domain.Csv;

namespace KtvRec.Api.Songs;

/// <summary>Reads a catalog spreadsheet saved as CSV: a header row, then one song a row.</summary>
internal static class SongCsvParser
{
    public const string Columns = "id,title,artist,language,genre[,releaseYear][,durationSeconds][,tags]";
    private static readonly string[] RequiredColumns = ["id", "title", "artist", "language", "genre"];
    private static readonly char[] TagSeparators = ['|', ';'];

    public sealed record ParsedCatalog(List<SongEntry> Songs, List<int> LineNumbers, ValidationErrors Errors);

    public static ParsedCatalog Parse(TextReader text)
    {
        var songs = new List<SongEntry>();
        var lines = new List<int>();
        var errors = new ValidationErrors();
        try
        {
            using var records = CsvReader.Read(text).GetEnumerator();
            if (!records.MoveNext())
            {
                errors.Add("csv", $"is empty; expected a header row: {Columns}.");
                return new ParsedCatalog(songs, lines, errors);
            }
            var columns = Header(records.Current, errors);
            if (!errors.IsEmpty) return new ParsedCatalog(songs, lines, errors);

            while (records.MoveNext())
            {
                var record = records.Current;
                if (record.Fields.All(string.IsNullOrWhiteSpace)) continue;
                songs.Add(Row(record, columns, errors));
                lines.Add(record.LineNumber);
            }
        }
        catch (CsvFormatException exception)
        {
            errors.Add($"line {exception.LineNumber}", exception.Message);
        }
        return new ParsedCatalog(songs, lines, errors);
    }

    private static Dictionary<string, int> Header(CsvRecord header, ValidationErrors errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().Replace("_", "");
            if (name.Equals("songId", StringComparison.OrdinalIgnoreCase)) name = "id";
            if (name.Equals("duration", StringComparison.OrdinalIgnoreCase)) name = "durationSeconds";
            columns.TryAdd(name, i);
        }
        foreach (var missing in RequiredColumns.Where(c => !columns.ContainsKey(c)))
            errors.Add("line 1", $"The header has no '{missing}' column; expected {Columns}.");
        return columns;
    }

    private static SongEntry Row(CsvRecord record, Dictionary<string, int> columns, ValidationErrors errors)
    {
        string? Field(string name) =>
            columns.TryGetValue(name, out var index) && index < record.Fields.Count && record.Fields[index].Length > 0
                ? record.Fields[index].Trim()
                : null;

        int? Number(string name)
        {
            var value = Field(name);
            if (value is null) return null;
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return number;
            errors.Add($"line {record.LineNumber}: {name}", $"'{value}' is not a whole number.");
            return null;
        }

        var tags = Field("tags")?.Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new SongEntry(
            Field("id"), Field("title"), Field("artist"), Field("language"), Field("genre"),
            Number("releaseYear"), Number("durationSeconds"), tags);
    }
}
