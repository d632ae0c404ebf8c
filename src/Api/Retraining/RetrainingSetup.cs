using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using KtvRec.Domain.Storage;
using KtvRec.Api.Hosting;
using KtvRec.Api.Security;
using KtvRec.Api.Storage;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Retraining;

internal static class RetrainingSetup
{
    public const string HangfireDatabaseFileName = "hangfire.db";

    /// <summary>
    /// Hangfire on the same engine as the data (its own SQLite file in the data directory, or the PostgreSQL database's
    /// hangfire schema). Nodes that train run two servers: the default queue, and the training queue with exactly one
    /// worker, so a node never runs two trainings at once without blocking its other workers. API nodes only enqueue.
    /// </summary>
    public static WebApplicationBuilder AddRetraining(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<RetrainingOptions>(RetrainingOptions.Section);
        services.AddSingleton<RetrainJob>();
        services.AddSingleton<TrainingProgress>();

        // This host's own storage and job activator, registered before AddHangfire so Hangfire's clients, servers and
        // dashboard use them. Hangfire's defaults are the process-wide JobStorage.Current and JobActivator.Current, which
        // the last host to start overwrites: where several hosts share a process, a worker would create its jobs from
        // another host's (perhaps disposed) container.
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<JobStorage>(provider =>
        {
            // Configure Hangfire for this host (its log provider above all) before the storage starts logging.
            provider.GetRequiredService<IGlobalConfiguration>();
            var training = provider.GetRequiredService<IOptions<RetrainingOptions>>().Value;
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return database.Kind == DatabaseProvider.Postgres
                ? PostgresJobStorage(database.ConnectionString!, training)
                : SqliteJobStorage(provider.GetRequiredService<DataDirectory>().Path, training);
        });
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<ModelStartup>();
        if (!KtvRecOptions.Trains(builder.Configuration)) return builder;

        services.AddHangfireServer(server =>
        {
            server.ServerName = $"{Environment.MachineName}:default";
            server.Queues = ["default"];
            server.WorkerCount = 2;
        });
        services.AddHangfireServer(server =>
        {
            server.ServerName = $"{Environment.MachineName}:training";
            server.Queues = [RetrainJob.Queue];
            server.WorkerCount = 1;
        });
        return builder;
    }

    private static SQLiteStorage SqliteJobStorage(string dataDirectory, RetrainingOptions training) =>
        new(Path.Combine(dataDirectory, HangfireDatabaseFileName), new SQLiteStorageOptions
        {
            QueuePollInterval = TimeSpan.FromSeconds(training.QueuePollSeconds),
            // Longer than the longest allowed run, so a running training is never handed out again.
            InvisibilityTimeout = TimeSpan.FromMinutes(training.MaxMinutes + 10),
        });

    private static PostgreSqlStorage PostgresJobStorage(string connectionString, RetrainingOptions training)
    {
        PostgresStore.CreateDatabaseIfMissing(connectionString);
        var options = new PostgreSqlStorageOptions
        {
            QueuePollInterval = TimeSpan.FromSeconds(training.QueuePollSeconds),
            // The fetched job's lease is renewed while it runs, so a long training is never handed to another worker,
            // and a worker that dies releases its job after the (short) timeout instead of after MaxMinutes.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
            PrepareSchemaIfNecessary = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    public static WebApplication MapRetraining(this WebApplication app)
    {
        // The dashboard answers whoever the admin policy lets through (everyone in open mode), not only local requests.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [] }, app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(SecuritySetup.AdminPolicy);
        app.MapAdmin();
        app.MapTrainingProgress();
        return app;
    }
}
