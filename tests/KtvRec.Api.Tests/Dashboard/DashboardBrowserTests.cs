using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using KtvRec.Api.Charts;
using KtvRec.Api.Retraining;
using KtvRec.Api.Rules;
using KtvRec.Api.Serving;
using KtvRec.Api.Tests.Retraining;
using KtvRec.Api.Tests.Operations;

namespace KtvRec.Api.Tests.Dashboard;

/// <summary>
/// The dashboard in a real Chromium (Debian's, driven by playwright-core from tests/browser) against the real service on a
/// loopback port: tests/browser/dashboard.mjs does what a manager would and reports what the page showed.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class DashboardBrowserTests
{
    private const string AdminKey = "dashboard-admin-key";
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task TheDashboardShowsTheServingModelAndARetrainStartedFromThePageBecomesANewRow()
    {
        var script = Path.Combine(RepositoryRoot.Path, "tests", "browser", "dashboard.mjs");
        Assert.True(File.Exists(Environment.GetEnvironmentVariable("CHROMIUM") ?? Chromium),
            $"No Chromium at {Chromium}: `apt-get install chromium` (.ci/run does), or set CHROMIUM to one.");
        Assert.True(Directory.Exists(Path.Combine(RepositoryRoot.Path, "tests", "browser", "node_modules", "playwright-core")),
            "playwright-core is not installed: `npm ci --prefix tests/browser` (tests/run.sh does).");

        // Both recurring retrains scheduled (on dates the test never reaches), for the page to show.
        await using var app = new KtvRecApp(SmallDemo.Settings(
            ("KtvRec:Auth:AdminKeys:0", AdminKey), ("KtvRec:Auth:IngestKeys:0", "dashboard-ingest-key"), SmallDemo.LenientGate,
            ("KtvRec:Training:Enabled", "true"), ("KtvRec:Training:TrainOnStartup", "false"),
            ("KtvRec:Training:Cron", "0 3 1 1 *"), ("KtvRec:Training:IncrementalCron", "15 4 1 1 *")));
        app.UseKestrel(0);
        app.StartServer();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        var serving = await TrainedVenue.RetrainAsync(client);
        Assert.True(serving.Status == "active", $"{serving.Status}: {serving.Reason}");

        var artifacts = Path.Combine(RepositoryRoot.Path, "TestResults", "dashboard");
        Directory.CreateDirectory(artifacts);
        var seen = await RunAsync(script, client.BaseAddress!.ToString().TrimEnd('/'), artifacts);

        Assert.Equal("/dashboard/", seen.GetProperty("landedOn").GetString());
        Assert.Equal(serving.Version, seen.GetProperty("serving").GetString());
        Assert.Equal([serving.Version], seen.GetProperty("before").EnumerateArray().Select(v => v.GetString()));
        var retrained = seen.GetProperty("retrained").GetProperty("version").GetString();
        var models = (await client.GetFromJsonAsync<List<ModelVersionResponse>>("/models"))!;
        Assert.Equal(2, models.Count);
        Assert.Equal(retrained, models[0].Version);
        Assert.Contains(models[0].Status, new[] { "active", "rejected" });
        Assert.Equal("manual", models[0].Trigger);

        var progress = (await client.GetFromJsonAsync<TrainingProgressResponse>("/models/training"))!;
        Assert.Equal(retrained, progress.Version);
        Assert.Equal(progress.Epochs.Count, seen.GetProperty("epochsShown").GetInt32());
        var schedule = seen.GetProperty("schedule").GetString()!;
        Assert.Contains("Full retrain: 0 3 1 1 * (UTC), next ", schedule);
        Assert.Contains("Incremental retrain: 15 4 1 1 * (UTC), next ", schedule);

        var songs = seen.GetProperty("tryIt").EnumerateArray().ToList();
        Assert.Equal(10, songs.Count);
        Assert.All(songs, song => Assert.NotEmpty(song.GetProperty("reasons").EnumerateArray()));
        // The chart as the API gives it; the song blocked from the page left it, and the rule the page made was removed from it.
        var chart = (await client.GetFromJsonAsync<ChartResponse>("/charts?period=week&count=10"))!.Items.Select(i => i.SongId);
        var chartBefore = seen.GetProperty("chartBefore").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal(chart, chartBefore);
        Assert.DoesNotContain(chartBefore[0], seen.GetProperty("chartBlocked").EnumerateArray().Select(s => s.GetString()));
        var rule = Assert.Single((await client.GetFromJsonAsync<RuleListResponse>("/rules?removed=true"))!.Rules);
        Assert.Equal(("block", chartBefore[0], "licence expired", false), (rule.Kind, rule.SongId, rule.Note, rule.Active));
        Assert.Equal(rule.Id, Assert.Single(seen.GetProperty("rulesShown").EnumerateArray()).GetProperty("id").GetString());
        Assert.True(seen.GetProperty("overflow").GetInt32() <= 0, "The page is wider than a phone's screen.");
        Assert.Empty(seen.GetProperty("consoleErrors").EnumerateArray());
        Assert.True(new FileInfo(Path.Combine(artifacts, "dashboard.png")).Length > 10_000);
        Assert.True(new FileInfo(Path.Combine(artifacts, "dashboard-phone.png")).Length > 10_000);
    }

    private static async Task<JsonElement> RunAsync(string script, string url, string artifacts)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--url", url, "--key", AdminKey, "--out", artifacts, "--timeout", "180" },
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"The browser run failed:\n{await errors}\n{await output}");
        return JsonDocument.Parse((await output).Trim()).RootElement;
    }
}
