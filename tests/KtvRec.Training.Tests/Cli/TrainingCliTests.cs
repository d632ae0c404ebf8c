using System.Text.Json;
using KtvRec.Cli;

namespace KtvRec.Training.Tests.Cli;

public sealed class TrainingCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ktvrec-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly string[] SmallSimulation = ["--songs", "120", "--users", "40", "--sessions", "60", "--days", "7"];
    private static readonly string[] QuickModel = ["--epochs", "2", "--batch-size", "128", "--hidden", "16", "--embedding-dim", "4", "--threads", "2"];

    [Theory]
    [InlineData("libfm")]
    [InlineData("libffm")]
    [InlineData("csv")]
    public async Task EvaluateTrainsOnEachFormatAndReportsTestMetrics(string format)
    {
        await RunAsync(["simulate", "--out", _directory, .. SmallSimulation]);

        var (code, output, error) = await RunAsync(
            ["evaluate", "--train", Path.Combine(_directory, $"train.{format}"), "--test", Path.Combine(_directory, $"test.{format}"),
             "--format", format, "--model", "deepfm", .. QuickModel]);

        Assert.True(code == 0, error);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.InRange(result.GetProperty("auc").GetDouble(), 0.55, 1.0);
        foreach (var key in new[] { "logloss", "epochs", "train_seconds", "train_samples_per_sec" })
            Assert.True(result.TryGetProperty(key, out _), $"no {key} in {output}");
    }

    [Theory]
    [InlineData("libfm", "1 3:1 4:1\n0 3:1 4:1\n1 3:1 x4\n", 3, "id:value")]
    [InlineData("libffm", "1 0:3:1 1:4:1\n0 0:3:1 1:4:abc\n", 2, "value 'abc'")]
    [InlineData("csv", "label,user\n1,a\n2,b\n", 3, "label '2'")]
    [InlineData("csv", "label,user\n1,a\n0,\"b\n", 3, "never closed")]
    public async Task AMalformedLineIsRejectedWithItsFileAndNumber(string format, string text, int line, string why)
    {
        var train = Path.Combine(_directory, $"bad.{format}");
        await File.WriteAllTextAsync(train, text);

        var (code, _, error) = await RunAsync(["evaluate", "--train", train, "--test", train, "--format", format, .. QuickModel]);

        Assert.Equal(2, code);
        Assert.Contains($"{train}:{line}:", error);
        Assert.Contains(why, error);
    }

    [Fact]
    public async Task AWrongOptionIsAUsageError()
    {
        var (code, _, error) = await RunAsync(["evaluate", "--train", "a", "--test", "b", "--format", "xml"]);

        Assert.Equal(2, code);
        Assert.Contains("--format must be one of libfm, libffm, csv", error);
    }

    [Fact]
    public async Task TrainOnASimulatedVenueReportsModelPopularityAndOracleAndSavesIntoAnEmptyFolder()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "model"));

        var (code, output, error) = await RunAsync(
            ["train", "--simulate", "true", .. SmallSimulation, .. QuickModel, "--ranking-users", "10", "--out", Path.Combine(_directory, "model")]);

        Assert.True(code == 0, error);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.InRange(result.GetProperty("oracle_ndcg@20").GetDouble(), 0.0, 1.0);
        Assert.True(result.TryGetProperty("popularity_recall@20", out _));
        Assert.True(File.Exists(Path.Combine(_directory, "model", "model.json")));
        Assert.Contains("epoch 1:", error);
        if (OperatingSystem.IsLinux())
        {
            Assert.Matches(@"Training stage final fit: \d+\.\d s, peak resident memory \d+ MB", error);
            Assert.InRange(result.GetProperty("peak_memory_mb").GetDouble(), 50, 100_000);
        }
    }

    [Fact]
    public async Task AFolderThatHoldsFilesIsRefusedBeforeTrainingInOneLine()
    {
        var taken = Path.Combine(_directory, "taken");
        Directory.CreateDirectory(taken);
        await File.WriteAllTextAsync(Path.Combine(taken, "notes.txt"), "mine");

        var (code, _, error) = await RunAsync(["train", "--simulate", "true", .. SmallSimulation, .. QuickModel, "--out", taken]);

        Assert.Equal(2, code);
        Assert.Equal($"error: --out {taken} already holds files; give an empty or new folder.", error.Trim());
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(taken, "notes.txt")));
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await TrainingCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
