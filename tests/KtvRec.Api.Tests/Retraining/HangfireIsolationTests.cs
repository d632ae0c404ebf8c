using Hangfire;
using KtvRec.Api.Retraining;
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
}
