using System.Text.Json;

namespace KtvRec.Bench.Report;

/// <summary>
/// One part of the benchmark report: a Markdown table (each figure beside its ceiling) and the raw figures for the JSON
/// file, and the commit it was measured at. Every measuring verb writes one of these; <see cref="ReportWriter"/> joins them.
/// </summary>
public sealed record BenchSection(
    string Id, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyDictionary<string, double> Figures, IReadOnlyList<string> Notes, string? Commit = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Save(string partsDirectory)
    {
        Directory.CreateDirectory(partsDirectory);
        File.WriteAllText(Path.Combine(partsDirectory, $"{Id}.json"), JsonSerializer.Serialize(this, Json));
    }

    public static BenchSection Load(string path) =>
        JsonSerializer.Deserialize<BenchSection>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");

    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            $"### {Title}",
            "",
            $"| {string.Join(" | ", Columns)} |",
            $"|{string.Concat(Columns.Select(_ => "---|"))}",
        };
        lines.AddRange(Rows.Select(row => $"| {string.Join(" | ", row)} |"));
        if (Notes.Count > 0) lines.Add("");
        lines.AddRange(Notes);
        return string.Join('\n', lines);
    }
}

/// <summary>Builds a section row by row, keeping each row's figures under names for the JSON file.</summary>
public sealed class SectionBuilder(string id, string title, params string[] columns)
{
    private readonly List<IReadOnlyList<string>> _rows = [];
    private readonly Dictionary<string, double> _figures = [];
    private readonly List<string> _notes = [];

    public SectionBuilder Row(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public SectionBuilder Figure(string name, double value)
    {
        _figures[name] = Math.Round(value, 4);
        return this;
    }

    public SectionBuilder Note(string note)
    {
        _notes.Add(note);
        return this;
    }

    /// <summary>The section, labelled with the commit bench/run.sh measures (KTVREC_BENCH_COMMIT).</summary>
    public BenchSection Build() => new(id, title, columns, _rows, _figures, _notes, Environment.GetEnvironmentVariable("KTVREC_BENCH_COMMIT"));
}

/// <summary>How figures are printed in the tables.</summary>
public static class Format
{
    public static string Ms(double milliseconds) => $"{milliseconds:F2} ms";
    public static string Rate(double perSecond) => $"{perSecond:N0}";
    public static string Ratio(double ratio) => $"{ratio * 100:F0} %";
    public static string Auc(double value) => $"{value:F4}";
}
