using Hangfire;
using KtvRec.Api.Hosting;
using KtvRec.Api.Serving;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Retraining;

/// <summary>
/// At start-up: loads the serving model and, on nodes that train, schedules the recurring retrain and queues a first
/// training when there is data but no model (API nodes leave both to the workers).
/// </summary>
internal sealed class ModelStartup(
    IServiceScopeFactory scopes, IRecurringJobManager recurringJobs, IBackgroundJobClient jobs,
    IOptions<RetrainingOptions> options, IConfiguration configuration, ILogger<ModelStartup> logger) : IHostedService
{
    public const string RecurringJobId = "retrain";

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
        if (!settings.Enabled)
        {
            recurringJobs.RemoveIfExists(RecurringJobId);
            return;
        }
        try
        {
            recurringJobs.AddOrUpdate<RetrainJob>(
                RecurringJobId, RetrainJob.Queue, job => job.RunAsync("schedule", null, CancellationToken.None), settings.Cron);
        }
        catch (ArgumentException exception)
        {
            throw new OptionsValidationException(RetrainingOptions.Section, typeof(RetrainingOptions),
                [$"KtvRec:Training:Cron '{settings.Cron}' is not a valid cron expression: {exception.Message}"]);
        }
    }
}
