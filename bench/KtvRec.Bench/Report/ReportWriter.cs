using System.Text.Json;

namespace KtvRec.Bench.Report;

/// <summary>
/// Joins the measured sections into <c>bench/results/&lt;date&gt;.json</c> and the Markdown tables beside it. The parts
/// are kept in the repository, so a run of some sections keeps the others' last figures, each labelled with its commit.
/// </summary>
public static class ReportWriter
{
    private static readonly string[] Order = ["ingest", "recommendations", "training", "training_cli", "quality", "stability", "micro"];

    public static (string Json, string Markdown) Write(string partsDirectory, string resultsDirectory, string command)
    {
        var sections = Directory.GetFiles(partsDirectory, "*.json")
            .Select(BenchSection.Load)
            .OrderBy(s => Array.IndexOf(Order, s.Id) is var i && i < 0 ? Order.Length : i)
            .ToList();
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var name = ServiceDatabase.Name == "SQLite" ? date : $"{date}-postgres";
        var machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion.VersionString}, .NET {Environment.Version}";
        var commits = sections.Select(s => s.Commit ?? "unknown").Distinct().ToList();
        var commit = string.Join(", ", commits);

        Directory.CreateDirectory(resultsDirectory);
        var jsonPath = Path.Combine(resultsDirectory, $"{name}.json");
        var markdownPath = Path.Combine(resultsDirectory, $"{name}.md");
        var report = new { date, commit, machine, command, sections = sections.ToDictionary(s => s.Id, s => new { s.Title, s.Commit, s.Figures, s.Notes }) };
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(report, BenchSection.Json));

        var header = commits.Count == 1
            ? $"Measured with `{command}` on {machine}. Each figure is next to its ceiling from the same run."
            : $"The last run was `{command}`; the other sections are from earlier runs, each titled with its commit. On {machine}. Each figure is next to its ceiling from the same run.";
        // With sections from several runs, each title says which commit it measured.
        var titled = commits.Count == 1 ? sections : sections.Select(s => s with { Title = $"{s.Title} (commit {s.Commit ?? "unknown"})" });
        var markdown = string.Join("\n\n", new[] { $"## Benchmarks — {date}, commit {commit}", header }
            .Concat(titled.Select(s => s.ToMarkdown()))) + "\n";
        File.WriteAllText(markdownPath, markdown);
        return (jsonPath, markdownPath);
    }
}
