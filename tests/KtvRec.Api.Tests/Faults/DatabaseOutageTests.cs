using KtvRec.Api.Tests.Operations;
using Npgsql;
using Xunit.Abstractions;

namespace KtvRec.Api.Tests.Faults;

/// <summary>
/// The service as a process on a PostgreSQL server of the test's own, under 8 writers and 8 readers, while the server
/// goes away: nothing acknowledged is lost, nothing but the documented 503 answers, and all is well again soon after
/// the server is back.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(5);

    [PostgresFact]
    public Task TheDatabaseRestartedUnderLoadLosesNothingAcknowledgedAndServingRecoversWithinTenSeconds() =>
        OutageAsync(postgres => postgres.StopAsync());

    [PostgresFact]
    public Task TheDatabaseKilledWithSigkillUnderLoadLosesNothingAcknowledged() =>
        OutageAsync(postgres => postgres.KillAsync());

    private async Task OutageAsync(Func<PrivatePostgres, Task> takeDown)
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        using var data = new TempDirectory();
        var settings = SmallDemo.Settings(("KtvRec:Database:Provider", "postgres"), ("KtvRec:Database:ConnectionString", postgres.ConnectionString));
        foreach (var (key, value) in ServiceProcess.Quiet) settings[key] = value;
        await using var service = ServiceProcess.Start(ServiceProcess.BuiltFolder, data.Path, settings);
        await service.WaitForAsync("/health/ready");

        var traffic = Traffic.Start([service.Url], writers: 8, readers: 8);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await takeDown(postgres);
        var wentDown = DateTime.UtcNow;
        await Task.Delay(Down);
        await postgres.UpAsync();
        var back = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(15));
        await traffic.StopAsync();

        var stored = await ServiceProcess.StoredEventIdsAsync(new NpgsqlConnection(postgres.ConnectionString));
        var missing = traffic.Acknowledged.Where(id => !stored.ContainsKey(id)).ToList();
        var answers = traffic.Failures.GroupBy(f => $"{f.Kind} {f.Status}").Select(g => $"{g.Key} ×{g.Count()}");
        var recovered = new[] { traffic.LastFailure("write"), traffic.LastFailure("read") }.Max() is { } last ? (last - back).TotalSeconds : 0;
        output.WriteLine(
            $"acknowledged {traffic.Acknowledged.Count} events, lists served {traffic.Reads}; answers other than 200: {string.Join(", ", answers)}; " +
            $"last of them {recovered:0.0} s after the database was back (down {(back - wentDown).TotalSeconds:0.0} s)");

        Assert.Empty(missing);
        Assert.DoesNotContain(stored, pair => pair.Value > 1);
        Assert.Contains(traffic.Failures, f => f.Kind == "write" && f.At > wentDown && f.At < back);
        Assert.All(traffic.Failures, f => Assert.Equal(503, f.Status));
        Assert.True(recovered <= 10, $"requests still failed {recovered:0.0} s after the database was back");
        Assert.Contains(traffic.Acknowledged, id => id.EndsWith("-e0") && stored.ContainsKey(id));
    }
}
