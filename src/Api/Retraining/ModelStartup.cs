using Hangfire;
using KtvRec.Api.Hosting;
using KtvRec.Api.Serving;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Retraining;

/// <summary>
/// At start-up: loads the serving model and, on nodes that train, schedules the recurring retrains (full and
/// incremental) and queues a first
/// training when there is data but no model (API nodes leave both to the workers).
/// </summary>
internal sealed class ModelStartup(
    IServiceScopeFactory scopes, IRecurringJobManager recurringJobs, IBackgroundJobClient jobs,
    IOptions<RetrainingOptions> options, IConfiguration configuration, ILogger<ModelStartup> logger) : IHostedService
{
    /// <summary>The recurring full retrain (<see cref="RetrainingOptions.Cron"/>).</summary>
    public const string RecurringJobId = "retrain";

    /// <summary>The recurring incremental retrain (<see cref="RetrainingOptions.IncrementalCron"/>).</summary>
    public const string IncrementalJobId = "retrain-incremental";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var trains = KtvRecOptions.Trains(configuration);
        if (trains) ScheduleRecurring(settings);

        await using var scope = scopes.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
        // A run whose heartbeat stopped lost its worker (this one, before a crash, or another).
        if (trains) await registry.FailAbandonedRunsAsync(settings.AbandonedAfter, cancellationToken);
        var version = await registry.LoadServingModelAsync(cancellationToken);
        if (version is not null || !settings.TrainOnStartup || !trains) return;

        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        if (await db.Events.AnyAsync(cancellationToken))
        {
            var jobId = jobs.Enqueue<RetrainJob>(job => job.RunAsync("startup", null, CancellationToken.None));
            logger.LogInformation("No model yet but there is data: first training queued as job {JobId}", jobId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void ScheduleRecurring(RetrainingOptions settings)
    {
        Schedule(RecurringJobId, settings.Enabled ? settings.Cron : null, nameof(RetrainingOptions.Cron),
            () => recurringJobs.AddOrUpdate<RetrainJob>(RecurringJobId, RetrainJob.Queue, job => job.RunAsync("schedule", null, CancellationToken.None), settings.Cron));
        var incremental = settings.Enabled && !string.IsNullOrWhiteSpace(settings.IncrementalCron) ? settings.IncrementalCron : null;
        Schedule(IncrementalJobId, incremental, nameof(RetrainingOptions.IncrementalCron),
            () => recurringJobs.AddOrUpdate<RetrainJob>(IncrementalJobId, RetrainJob.Queue, job => job.RunIncrementalAsync("schedule", null, CancellationToken.None), incremental!));
    }

    /// <summary>Adds or updates a recurring job on <paramref name="cron"/>, or removes it where there is none.</summary>
    private void Schedule(string jobId, string? cron, string setting, Action addOrUpdate)
    {
        if (cron is null)
        {
            recurringJobs.RemoveIfExists(jobId);
            return;
        }
        try
        {
            addOrUpdate();
        }
        catch (ArgumentException exception)
        {
            throw new OptionsValidationException(RetrainingOptions.Section, typeof(RetrainingOptions),
                [$"KtvRec:Training:{setting} '{cron}' is not a valid cron expression: {exception.Message}"]);
        }
    }
}
