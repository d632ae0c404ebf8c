using KtvRec.Api.Events;
using KtvRec.Api.Sessions;
using KtvRec.Api.Songs;
using KtvRec.Api.Users;
using KtvRec.Domain.Events;
using KtvRec.Domain.Simulation;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Demo;

/// <summary>
/// Fills an empty database with a simulated venue, through the same catalog, session and ingest code a real
/// jukebox client reaches over HTTP, so the demo exercises the real write path.
/// </summary>
internal sealed class DemoVenueLoader(
    IServiceScopeFactory scopes, IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoVenueLoader> logger)
    : IHostedService
{
    private const int EventBatchSize = 1000;
    private const int UserBatchSize = 10_000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return;

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (await services.GetRequiredService<KtvDbContext>().Songs.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Demo venue not loaded: the database already has a catalog");
            return;
        }

        var started = clock.GetTimestamp();
        var venue = VenueSimulator.Generate(Simulation(options.Value, clock.GetUtcNow().UtcDateTime));
        await LoadCatalogAsync(services.GetRequiredService<SongCatalog>(), venue, cancellationToken);
        await LoadUsersAsync(services.GetRequiredService<UserDirectory>(), venue, cancellationToken);

        var sessions = services.GetRequiredService<SessionRegistry>();
        foreach (var session in venue.Sessions)
            await sessions.StartAsync(new StartSessionRequest(session.Id, session.Room, session.UserIds, session.StartedAt), cancellationToken);
        await LoadEventsAsync(services.GetRequiredService<EventIngestor>(), venue, cancellationToken);
        foreach (var session in venue.Sessions)
            await sessions.EndAsync(session.Id, session.EndedAt, cancellationToken);

        logger.LogInformation(
            "Demo venue loaded: {Songs} songs, {Users} users, {Sessions} sessions, {Events} events in {Elapsed:F1} s",
            venue.Songs.Count, venue.Users.Count, venue.Sessions.Count, venue.Events.Count, clock.GetElapsedTime(started).TotalSeconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The simulated venue the demo loads at <paramref name="utcNow"/>: its history ends a few hours earlier.</summary>
    public static SimulationOptions Simulation(DemoOptions demo, DateTime utcNow) => new()
    {
        Seed = demo.Seed,
        Songs = demo.Songs,
        Artists = Math.Max(1, demo.Songs / 10),
        Users = demo.Users,
        Sessions = demo.Sessions,
        EndDate = DateOnly.FromDateTime(utcNow.AddHours(-4)),
        Days = demo.Days,
    };

    private static async Task LoadCatalogAsync(SongCatalog catalog, SimulatedVenue venue, CancellationToken cancellationToken)
    {
        var items = venue.Songs
            .Select(s => new SongEntry(s.Id, s.Title, s.Artist, s.Language, s.Genre, s.ReleaseYear, s.DurationSeconds, s.Tags))
            .ToList();
        foreach (var chunk in items.Chunk(SongCatalog.MaxImportSize))
            await catalog.UpsertAsync(chunk, cancellationToken);
    }

    /// <summary>Profiles in transactions of <see cref="UserBatchSize"/>: each reads which exist in one query, and SQLite takes at most 32,766 ids in one.</summary>
    private static async Task LoadUsersAsync(UserDirectory directory, SimulatedVenue venue, CancellationToken cancellationToken)
    {
        var profiles = venue.Users.Select(u => (u.Id, new UserProfileRequest(u.BirthYear, u.Gender, u.Region, u.PreferredLanguages))).ToList();
        foreach (var chunk in profiles.Chunk(UserBatchSize))
            await directory.UpsertAsync(chunk, cancellationToken);
    }

    private static async Task LoadEventsAsync(EventIngestor ingestor, SimulatedVenue venue, CancellationToken cancellationToken)
    {
        foreach (var chunk in venue.Events.Chunk(EventBatchSize))
        {
            var batch = chunk.Select(e => new EventRequest(
                e.EventId, Enum.Parse<EventType>(e.Type, ignoreCase: true), e.UserId, e.SongId, e.SessionId,
                e.OccurredAt, e.Progress, e.Score)).ToList();
            var outcome = await ingestor.IngestAsync(batch, isBatch: true, cancellationToken);
            if (outcome.Errors is not null)
                throw new InvalidOperationException("The simulated venue produced events the service refuses.");
        }
    }
}
