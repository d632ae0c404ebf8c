using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Storage;

/// <summary>Applies EF migrations: the first step of the start-up sequence, before Kestrel, so no request sees an old schema.</summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes, DataDirectory dataDirectory, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        await KtvStore.MigrateAsync(db, cancellationToken);
        logger.LogInformation("Database ready: {Database}", db.Database.IsNpgsql()
            ? $"PostgreSQL {db.Database.GetDbConnection().Database} on {db.Database.GetDbConnection().DataSource}"
            : Path.Combine(dataDirectory.Path, SqliteStore.DatabaseFileName));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
