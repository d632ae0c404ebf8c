using Microsoft.EntityFrameworkCore;

namespace KtvRec.Domain.Storage;

/// <summary>
/// The same store on PostgreSQL. A type of its own because EF Core keeps one migration history per context type:
/// this one owns <c>Storage/PostgresMigrations</c>, <see cref="KtvDbContext"/> the SQLite ones.
/// </summary>
public sealed class PostgresKtvDbContext(DbContextOptions<PostgresKtvDbContext> options) : KtvDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // PostgreSQL keeps identifiers' case only when quoted.
        modelBuilder.Entity<Events.PlayEvent>().HasIndex(e => e.ClientEventId).HasFilter("\"ClientEventId\" IS NOT NULL");
    }
}
