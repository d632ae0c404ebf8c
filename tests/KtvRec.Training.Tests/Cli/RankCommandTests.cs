using System.Globalization;
using System.Text.Json;
using KtvRec.Domain.Events;

namespace KtvRec.Training.Tests.Cli;

public sealed class RankCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ktvrec-rank-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly string[] QuickModel = ["--epochs", "3", "--batch-size", "256", "--hidden", "32,32", "--embedding-dim", "8", "--lr", "3e-3", "--threads", "2"];

    [Fact]
    public async Task RankHoldsOutEachUsersItemsAndComparesTheServicesListsWithPopularityItemKnnAndEase()
    {
        // The small venue's songs sung to the end, exported as anyone's interactions file: user,item,timestamp,weight.
        var lines = SmallVenue.Snapshot.Events.Where(e => e.Type == EventType.Complete).Select(e =>
            $"{e.UserId},{e.SongId},{new DateTimeOffset(e.OccurredAt, TimeSpan.Zero).ToUnixTimeSeconds()},{(e.Score ?? 1).ToString(CultureInfo.InvariantCulture)}");
        var file = Path.Combine(_directory, "interactions.csv");
        await File.WriteAllLinesAsync(file, lines.Prepend("user,item,timestamp,weight"));

        var (code, output, error) = await TrainingCliTests.RunAsync(["rank", "--interactions", file, "--ease-songs", "300", .. QuickModel]);

        Assert.True(code == 0, error);
        var result = JsonDocument.Parse(output).RootElement;
        double Figure(string name) => result.GetProperty(name).GetDouble();
        Assert.True(result.GetProperty("ranking_users").GetInt32() > 20, output);
        // The held-out items are new to their users, as a discovery list's are.
        Assert.True(Figure("discovery_recall@20") > Figure("popularity_recall@20"), output);
        foreach (var name in new[] { "knn_recall@20", "knn_ndcg@20", "ease_recall@20", "ease_ndcg@20", "ndcg@20", "gate_ndcg@20" })
            Assert.InRange(Figure(name), 0.0, 1.0);
        // Named after the candidates a user had on average: fewer than the budget in a 300-song catalog.
        Assert.Contains(result.EnumerateObject(), p => p.Name.StartsWith("candidate_recall@", StringComparison.Ordinal));
        Assert.Contains("NDCG", error);
    }

    [Theory]
    [InlineData("user,song\na,s1\n", 1, "no 'item' column")]
    [InlineData("user,item,timestamp\na,s1,2026-12-01T20:00:00\n", 2, "with an offset")]
    [InlineData("user,item,weight\na,s1,lots\n", 2, "weight 'lots'")]
    public async Task AMalformedInteractionsFileIsRejectedWithItsLine(string text, int line, string why)
    {
        var file = Path.Combine(_directory, "bad.csv");
        await File.WriteAllTextAsync(file, text);

        var (code, _, error) = await TrainingCliTests.RunAsync(["rank", "--interactions", file, .. QuickModel]);

        Assert.Equal(2, code);
        Assert.Contains($"{file}:{line}:", error);
        Assert.Contains(why, error);
    }
}
