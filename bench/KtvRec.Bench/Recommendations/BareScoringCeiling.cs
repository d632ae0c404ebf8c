using System.Net.Http.Json;
using KtvRec.Bench.Load;
using KtvRec.Domain;
using KtvRec.Domain.Storage;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Scoring;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Bench.Recommendations;

/// <summary>
/// The bare model: the service's serving model loaded from its data directory, scoring the same number of candidate
/// songs for the same users with <see cref="CatalogScorer"/>, in this process, with no HTTP, database or ranking around it.
/// </summary>
public sealed class BareScoringCeiling : IDisposable
{
    private readonly TrainedModel _model;
    private readonly CatalogScorer _scorer;
    private readonly List<Domain.Songs.Song> _candidates;
    private readonly Dictionary<string, Domain.Users.User> _users;

    private BareScoringCeiling(TrainedModel model, CatalogScorer scorer, List<Domain.Songs.Song> candidates, Dictionary<string, Domain.Users.User> users)
    {
        _model = model;
        _scorer = scorer;
        _candidates = candidates;
        _users = users;
    }

    public static async Task<BareScoringCeiling> LoadAsync(HttpClient http, string dataDirectory, int candidates)
    {
        var current = await http.GetFromJsonAsync<CurrentModel>("/models/current") ?? throw new InvalidOperationException("No model serves.");
        var model = ModelDirectory.Load(Path.Combine(dataDirectory, "models", current.Version));
        // The service's database: its SQLite file, or the PostgreSQL database bench/run.sh gave it.
        var postgres = Environment.GetEnvironmentVariable("KTVREC_BENCH_DATABASE");
        await using var db = KtvStore.Open(postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, dataDirectory, postgres);
        var catalog = await db.Songs.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id);
        return new BareScoringCeiling(model, CatalogScorer.Build(model.Model, model.Space, catalog), catalog.Take(candidates).ToList(), users);
    }

    /// <summary>Scores one request's candidates per user, from as many threads as the service's load client uses workers.</summary>
    public Task<LoadResult> MeasureAsync(IReadOnlyList<string> userIds, int requests, int concurrency)
    {
        var context = PlayContext.At(DateTime.UtcNow, 0);
        // As many recent songs as a regular's request carries.
        var recentSongs = _candidates.Take(KtvFeatures.MaxRecentSongs).Select(s => s.Id).ToList();
        var rows = _candidates.Select(s => _scorer.RowOf(s.Id)).ToList();
        var pairs = new PairSignals[rows.Count];
        return LoadRunner.RunAsync(concurrency, requests, index =>
        {
            var userId = userIds[index % userIds.Count];
            var user = _users.GetValueOrDefault(userId);
            _scorer.Score(_scorer.Prepare(user, context, recentSongs), rows, pairs);
            return Task.CompletedTask;
        });
    }

    public void Dispose() => _model.Dispose();

    private sealed record CurrentModel(string Version);
}
