using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using KtvRec.Api.Operations;
using KtvRec.Domain.Recommendations;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Feedback;

/// <summary>
/// The lists served per day and strategy: counted in memory on the request path (one interlocked add), added to the
/// database's RecommendationDays every <see cref="FeedbackOptions.TrafficFlushSeconds"/> and at shutdown, so the counts
/// outlive restarts and sum over every node. A read adds what this node has not written yet.
/// </summary>
internal sealed partial class RecommendationTraffic(
    IServiceScopeFactory scopes, IOptions<FeedbackOptions> options, TimeProvider clock, ILogger<RecommendationTraffic> logger) : BackgroundService
{
    // Counters stay in the map once made (a flush takes their value, not the entry), so no add is lost between the two.
    private readonly ConcurrentDictionary<(DateOnly Day, string Strategy), StrongBox<long>> _unwritten = new();
    private readonly SemaphoreSlim _writing = new(1, 1);

    public void Served(string strategy)
    {
        ServiceMetrics.Recommendations.WithLabels(strategy).Inc();
        var counter = _unwritten.GetOrAdd((Today(), strategy), static _ => new StrongBox<long>());
        Interlocked.Increment(ref counter.Value);
    }

    /// <summary>Lists served per day and strategy over the last <paramref name="days"/> days (today included), oldest first.</summary>
    public async Task<RecommendationTrafficResponse> ReadAsync(int days, CancellationToken cancellationToken)
    {
        var from = Today().AddDays(1 - days);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        var stored = await db.RecommendationDays.AsNoTracking().Where(d => d.Day >= from).ToListAsync(cancellationToken);
        var counts = stored.ToDictionary(d => (d.Day, d.Strategy), d => d.Lists);
        foreach (var (key, counter) in _unwritten)
            if (key.Day >= from) counts[key] = counts.GetValueOrDefault(key) + Interlocked.Read(ref counter.Value);
        var rows = counts.Where(c => c.Value > 0).OrderBy(c => c.Key.Day).ThenBy(c => c.Key.Strategy, StringComparer.Ordinal)
            .Select(c => new RecommendationDayResponse(c.Key.Day, c.Key.Strategy, c.Value)).ToList();
        return new RecommendationTrafficResponse(from, rows);
    }

    /// <summary>Adds the counts served since the last write to the database; what fails to be written is kept for the next.</summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            var today = Today();
            foreach (var (key, counter) in _unwritten)
            {
                var lists = Interlocked.Exchange(ref counter.Value, 0);
                if (lists == 0)
                {
                    // Nothing is counted for a day that ended before yesterday any more.
                    if (key.Day < today.AddDays(-1)) _unwritten.TryRemove(key, out _);
                    continue;
                }
                try
                {
                    await AddAsync(key.Day, key.Strategy, lists, cancellationToken);
                }
                catch
                {
                    Interlocked.Add(ref counter.Value, lists);
                    throw;
                }
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TrafficFlushSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TryWriteAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await TryWriteAsync(cancellationToken);
    }

    private async Task TryWriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWriteFailed(logger, exception);
        }
    }

    /// <summary>Adds to the day's row, or makes it; a row another node made meanwhile is added to on the second try.</summary>
    private async Task AddAsync(DateOnly day, string strategy, long lists, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
            var updated = await db.RecommendationDays.Where(d => d.Day == day && d.Strategy == strategy)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.Lists, d => d.Lists + lists), cancellationToken);
            if (updated > 0) return;
            db.RecommendationDays.Add(new RecommendationDay { Day = day, Strategy = strategy, Lists = lists });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
            }
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the recommendation counts; they are kept and written with the next")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
