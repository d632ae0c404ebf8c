using System.Net.Http.Json;
using Hangfire;
using KtvRec.Api.Retraining;
using KtvRec.Api.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace KtvRec.Api.Tests.Retraining;

/// <summary>
/// Hangfire keeps process-wide defaults (JobStorage.Current, JobActivator.Current, its log provider) that the last host to
/// start overwrites. The tests run many hosts in one process, so does the multi-node test: each must keep its own.
/// </summary>
public sealed class HangfireIsolationTests
{
    [Fact]
    public async Task AHostCreatesItsJobsFromItsOwnContainerAfterAnotherHostCameAndWent()
    {
        // An API node resolves no job activator at start-up (it runs no Hangfire server), so it resolves it after the other host.
        await using var app = new KtvRecApp(new() { ["KtvRec:Role"] = "api" });
        app.CreateClient();
        await using (var other = new KtvRecApp())
        {
            other.CreateClient();
        }

        var activator = app.Services.GetRequiredService<JobActivator>();
        using var scope = activator.BeginScope((JobActivatorContext?)null);

        Assert.Same(app.Services.GetRequiredService<RetrainJob>(), scope.Resolve(typeof(RetrainJob)));
    }

    [Fact]
    public async Task ARetrainRunsWhenHangfiresStoreStartsAgainBesideTheSameRegistry()
    {
        var directory = Directory.CreateTempSubdirectory("ktvrec-test-").FullName;
        try
        {
            await using (var first = new KtvRecApp(SmallDemo.Settings(SmallDemo.LenientGate), directory, sqliteOnly: true))
            {
                Assert.Equal("active", (await TrainedVenue.RetrainAsync(first.CreateClient())).Status);
            }
            // The data directory restored without Hangfire's database: its job ids start again at 1, the registry's runs stay.
            foreach (var file in Directory.GetFiles(directory, "hangfire.db*")) File.Delete(file);

            await using var second = new KtvRecApp(SmallDemo.Settings(SmallDemo.LenientGate), directory, sqliteOnly: true);
            var client = second.CreateClient();
            var run = await TrainedVenue.RetrainAsync(client);

            Assert.True(run.Status == "active", $"The retrain ended {run.Status}: {run.Reason}");
            Assert.Equal(2, (await client.GetFromJsonAsync<List<ModelVersionResponse>>("/models"))!.Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
