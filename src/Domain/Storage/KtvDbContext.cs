using System.Text.Json;
using KtvRec.Domain.Events;
using KtvRec.Domain.Registry;
using KtvRec.Domain.Recommendations;
using KtvRec.Domain.Rules;
using KtvRec.Domain.Sessions;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Domain.Storage;

/// <summary>
/// The venue's store: catalog, users, room sessions and what happened in them. This type carries the SQLite
/// migrations; <see cref="PostgresKtvDbContext"/> is the same model with PostgreSQL's.
/// </summary>
public class KtvDbContext : DbContext
{
    public KtvDbContext(DbContextOptions<KtvDbContext> options) : base(options)
    {
    }

    protected KtvDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<User> Users => Set<User>();
    public DbSet<Song> Songs => Set<Song>();
    public DbSet<RoomSession> Sessions => Set<RoomSession>();
    public DbSet<PlayEvent> Events => Set<PlayEvent>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<ModelFile> ModelFiles => Set<ModelFile>();
    public DbSet<RecommendationDay> RecommendationDays => Set<RecommendationDay>();
    public DbSet<VenueRule> Rules => Set<VenueRule>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps DateTime as ISO-8601 text, which orders and compares correctly; DateTimeOffset would not.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("Users");
            user.Property(u => u.Id).HasMaxLength(Limits.IdLength);
            user.Property(u => u.Gender).HasMaxLength(Limits.ShortTextLength);
            user.Property(u => u.Region).HasMaxLength(Limits.ShortTextLength);
            user.HasIndex(u => u.ProfileRevision);
        });

        modelBuilder.Entity<Song>(song =>
        {
            song.ToTable("Songs");
            song.Property(s => s.Id).HasMaxLength(Limits.IdLength);
            song.Property(s => s.Title).HasMaxLength(Limits.TitleLength);
            song.Property(s => s.Artist).HasMaxLength(Limits.TitleLength);
            song.Property(s => s.Language).HasMaxLength(Limits.ShortTextLength);
            song.Property(s => s.Genre).HasMaxLength(Limits.ShortTextLength);
            song.HasIndex(s => s.Language);
            song.HasIndex(s => s.Artist);
            song.HasIndex(s => s.Genre);
        });

        modelBuilder.Entity<RoomSession>(session =>
        {
            session.ToTable("RoomSessions");
            session.Property(s => s.Id).HasMaxLength(Limits.IdLength);
            session.Property(s => s.Room).HasMaxLength(Limits.ShortTextLength);
            session.Ignore(s => s.IsEnded);
            session.HasMany(s => s.Members).WithOne().HasForeignKey(m => m.SessionId);
            session.HasIndex(s => s.StartedAt);
            session.HasIndex(s => s.QueueRevision);
        });

        modelBuilder.Entity<RoomSessionMember>(member =>
        {
            member.ToTable("RoomSessionMembers");
            member.HasKey(m => new { m.SessionId, m.UserId });
            member.HasOne<User>().WithMany().HasForeignKey(m => m.UserId);
        });

        modelBuilder.Entity<PlayEvent>(playEvent =>
        {
            playEvent.ToTable("Events");
            playEvent.Property(e => e.Type).HasConversion<string>().HasMaxLength(16);
            playEvent.Property(e => e.ClientEventId).HasMaxLength(Limits.IdLength);
            playEvent.Property(e => e.RecommendationId).HasMaxLength(Limits.IdLength);
            playEvent.HasIndex(e => e.ClientEventId).IsUnique().HasFilter("ClientEventId IS NOT NULL");
            playEvent.HasIndex(e => e.OccurredAt);
            playEvent.HasIndex(e => new { e.UserId, e.OccurredAt });
            playEvent.HasIndex(e => new { e.SessionId, e.SongId });
            playEvent.HasIndex(e => e.SongId);
            playEvent.HasOne<User>().WithMany().HasForeignKey(e => e.UserId);
            playEvent.HasOne<Song>().WithMany().HasForeignKey(e => e.SongId);
            playEvent.HasOne<RoomSession>().WithMany().HasForeignKey(e => e.SessionId);
        });

        modelBuilder.Entity<ModelVersion>(version =>
        {
            version.ToTable("ModelVersions");
            version.HasKey(v => v.Version);
            version.Property(v => v.Version).HasMaxLength(Limits.IdLength);
            version.Property(v => v.Kind).HasMaxLength(16);
            version.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
            version.Property(v => v.Trigger).HasMaxLength(Limits.ShortTextLength);
            version.Property(v => v.JobId).HasMaxLength(Limits.ShortTextLength);
            version.Property(v => v.Metrics).HasConversion(
                metrics => JsonSerializer.Serialize(metrics, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<Dictionary<string, double>>(json, JsonSerializerOptions.Default) ?? new(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Dictionary<string, double>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    metrics => metrics.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    metrics => new Dictionary<string, double>(metrics)));
            version.HasIndex(v => v.Status);
            version.HasIndex(v => v.CreatedAt);
            version.HasIndex(v => v.JobId);
        });

        modelBuilder.Entity<ModelFile>(file =>
        {
            file.ToTable("ModelFiles");
            file.HasKey(f => f.Version);
            file.Property(f => f.Version).HasMaxLength(Limits.IdLength);
            file.HasOne<ModelVersion>().WithOne().HasForeignKey<ModelFile>(f => f.Version);
        });

        modelBuilder.Entity<RecommendationDay>(day =>
        {
            day.ToTable("RecommendationDays");
            day.HasKey(d => new { d.Day, d.Strategy });
            day.Property(d => d.Strategy).HasMaxLength(Limits.ShortTextLength);
        });

        modelBuilder.Entity<VenueRule>(rule =>
        {
            rule.ToTable("VenueRules");
            rule.Property(r => r.Id).HasMaxLength(Limits.IdLength);
            rule.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            rule.Property(r => r.SongId).HasMaxLength(Limits.IdLength);
            rule.Property(r => r.Note).HasMaxLength(Limits.TitleLength);
            rule.HasIndex(r => r.Revision);
        });
    }
}
