using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using KtvRec.Bench.Report;
using KtvRec.Bench.Service;
using KtvRec.Domain;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;

namespace KtvRec.Bench.Datasets;

/// <summary>
/// A public dataset through the service's HTTP API, as a jukebox would send it: the catalog, the profiles and the
/// training part's events, then a retrain with the service's defaults, then for every held-out user the list a
/// jukebox gets (the default list, the songs the user has removed on the client's side, and the discovery list).
/// Beside them, on the same split in the same run: the same served model through the pipeline offline (the shortcut
/// the retrain and the CLI take, which must agree), its candidates without the ranker (what the model adds),
/// popularity, item-kNN and EASE at its best (λ chosen on these very users). The training part's newest day is held
/// back at first: a full retrain on the rest, that day imported, an incremental retrain (the serving model grown by
/// it), whose lists are measured too; then the full retrain on everything that the other rows are about.
/// </summary>
public static class DatasetBench
{
    private const int K = PipelineEvaluation.DefaultK;

    public static async Task<BenchSection> RunAsync(HttpClient http, string dataDirectory, PublicDataset dataset)
    {
        var clock = Stopwatch.StartNew();
        var lastDay = dataset.Events.Max(e => e.At).AddDays(-1);
        await ImportAsync(http, dataset, dataset.Events.Where(e => e.At <= lastDay));
        var imported = clock.Elapsed.TotalSeconds;
        var first = await RetrainAsync(http, incremental: false);
        var (grownFrom, grownFromDiscovery) = await ApiListsAsync(http, dataset);
        var newest = dataset.Events.Where(e => e.At > lastDay).ToList();
        await ImportEventsAsync(http, newest);
        clock.Restart();
        var grown = await RetrainAsync(http, incremental: true);
        var grownSeconds = clock.Elapsed.TotalSeconds;
        var (incremental, incrementalDiscovery) = await ApiListsAsync(http, dataset);
        clock.Restart();
        var model = await RetrainAsync(http, incremental: false);
        var retrained = clock.Elapsed.TotalSeconds;

        // Every held-out user's lists as the jukebox gets them, asked now.
        var at = DateTime.UtcNow;
        var (apiList, apiNew) = await ApiListsAsync(http, dataset);

        // The same served model offline, and the references, over the venue the service was sent.
        var snapshot = Snapshot(dataset);
        var venue = VenueHistory.From(snapshot);
        using var trainedModel = ModelDirectory.Load(Path.Combine(dataDirectory, "models", model.Version));
        var served = ServedModel.Prepare(trainedModel, snapshot.Songs);
        var popularity = SongPopularity.At(venue.Interactions, at, PipelineOptions.Defaults.PopularityWindowDays, served.Rows);
        var evaluation = new PipelineEvaluation(new RecommendationPipeline(PipelineOptions.Defaults), venue, popularity, K);
        var users = dataset.HeldOut.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new HeldOutUser(p.Key, at, PlayContext.At(at, 0), p.Value, p.Value)).ToList();
        var offline = evaluation.Evaluate(served, users);
        var positives = venue.Interactions.Where(i => i.Enjoyed).Select(i => (i.UserId, i.SongId)).ToList();
        var baselines = new Baselines(evaluation, venue, served.Rows, popularity, Cosine.Fit(positives), ease: null);
        var (_, _, knn, _, popular) = baselines.Evaluate(users);
        var (lambda, ease) = baselines.EaseAtItsBest(positives, [50, 100, 200, 400, 800], 10_000, users);

        var best = apiList.Ndcg >= apiNew.Ndcg ? apiList : apiNew;
        var section = new SectionBuilder($"datasets-{dataset.Name}", $"Ranking through the API: {dataset.Name} ({dataset.Split}), {users.Count:N0} held-out users",
            "ranker", "Recall@20", "NDCG@20");
        void Row(string name, string key, ListQuality quality) =>
            section.Row(name, $"{quality.Recall:F4}", $"{quality.Ndcg:F4}").Figure($"{key}_recall", quality.Recall).Figure($"{key}_ndcg", quality.Ndcg);
        Row("**the service through the API**, default list (the user's songs removed by the client)", "api", apiList);
        Row("**the service through the API**, discovery list", "api_discovery", apiNew);
        Row("the service through the API before the newest day (the model the incremental retrain grows), default list", "before_newest_day", grownFrom);
        Row("the same before the newest day, discovery list", "before_newest_day_discovery", grownFromDiscovery);
        Row($"the service through the API after the incremental retrain ({grown.Status}), default list", "incremental", incremental);
        Row($"the service through the API after the incremental retrain ({grown.Status}), discovery list", "incremental_discovery", incrementalDiscovery);
        Row("the same served model through the pipeline offline, default list", "offline", offline.Model);
        Row("the same offline, discovery list", "offline_discovery", offline.Discovery);
        Row("its candidates without the ranker, default list", "without_model", offline.WithoutModel);
        Row("its candidates without the ranker, discovery list", "without_model_discovery", offline.DiscoveryWithoutModel);
        Row("popularity (the user's songs left out)", "popularity", popular);
        Row("item-kNN (cosine, the user's songs left out)", "knn", knn);
        Row($"EASE at its best (λ {lambda} of 50-800 chosen on these users, the user's songs left out)", "ease", ease);
        var (liftDefault, liftDiscovery) = (offline.Model.Ndcg - offline.WithoutModel.Ndcg, offline.Discovery.Ndcg - offline.DiscoveryWithoutModel.Ndcg);
        return section
            .Figure("ease_lambda", lambda).Figure("users", users.Count).Figure("import_seconds", imported).Figure("retrain_seconds", retrained)
            .Figure("incremental_seconds", grownSeconds).Figure("incremental_events", newest.Count)
            .Figure("best_over_ease_ndcg", best.Ndcg / ease.Ndcg).Figure("best_over_ease_recall", best.Recall / ease.Recall)
            .Figure("model_lift_ndcg", liftDefault).Figure("model_lift_discovery_ndcg", liftDiscovery)
            .Note($"The better list through the API against EASE at its best: NDCG@20 {best.Ndcg / ease.Ndcg:P1}, Recall@20 {best.Recall / ease.Recall:P1}; " +
                  $"the ranker's lift over its candidates' own order (offline, the same served model): NDCG@20 {liftDefault:+0.0000;-0.0000} on the default list, " +
                  $"{liftDiscovery:+0.0000;-0.0000} on the discovery list. " +
                  $"Imported {dataset.Songs.Count:N0} songs, {dataset.Users.Count:N0} profiles and {dataset.Events.Count:N0} events in {imported:F0} s; " +
                  $"the retrain with the service's defaults took {retrained:F0} s (model {model.Version}: {model.Reason}). " +
                  $"The incremental retrain: the training part's newest day ({newest.Count:N0} events) held back, a full retrain on the rest " +
                  $"({first.Version}), that day imported, then the serving model grown by it in {grownSeconds:F0} s ({grown.Version}, {grown.Status}: {grown.Reason}).")
            .Build();
    }

    /// <summary>Each held-out user's default list (their own songs removed, as the client does) and discovery list, through the API now.</summary>
    private static async Task<(ListQuality Default, ListQuality Discovery)> ApiListsAsync(HttpClient http, PublicDataset dataset)
    {
        var trained = dataset.Events.GroupBy(e => e.UserId).ToDictionary(g => g.Key, g => g.Select(e => e.SongId).ToHashSet(StringComparer.Ordinal));
        var (api, apiDiscovery) = (new List<ListQuality>(), new List<ListQuality>());
        foreach (var (user, relevant) in dataset.HeldOut.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var own = trained.GetValueOrDefault(user) ?? [];
            var list = await ListAsync(http, $"/recommendations/{user}?count=100");
            api.Add(PipelineEvaluation.Quality(list.Where(s => !own.Contains(s)).Take(K).ToList(), relevant, K));
            apiDiscovery.Add(PipelineEvaluation.Quality(await ListAsync(http, $"/recommendations/{user}?count={K}&discovery=true"), relevant, K));
        }
        return (ListQuality.Mean(api), ListQuality.Mean(apiDiscovery));
    }

    private static async Task ImportAsync(HttpClient http, PublicDataset dataset, IEnumerable<DatasetEvent> events)
    {
        foreach (var chunk in dataset.Songs.Chunk(10_000))
        {
            var body = chunk.Select(s => new { s.Id, s.Title, s.Artist, s.Language, s.Genre, s.ReleaseYear, s.Tags });
            (await http.PostAsJsonAsync("/songs/batch", body)).EnsureSuccessStatusCode();
        }
        foreach (var user in dataset.Users)
            (await http.PutAsJsonAsync($"/users/{user.Id}", new { user.BirthYear, user.Gender, user.Region })).EnsureSuccessStatusCode();
        await ImportEventsAsync(http, events);
    }

    private static async Task ImportEventsAsync(HttpClient http, IEnumerable<DatasetEvent> events)
    {
        foreach (var chunk in events.OrderBy(e => e.At).Chunk(1_000))
        {
            var body = new
            {
                events = chunk.Select(e => new { eventId = e.EventId, e.Type, e.UserId, e.SongId, timestamp = e.At, e.Progress }),
            };
            var response = await http.PostAsJsonAsync("/events", body, ServiceJson.Options);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /events: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A retrain (<see cref="Retrains"/>); a full one must serve.</summary>
    private static async Task<RetrainRun> RetrainAsync(HttpClient http, bool incremental)
    {
        var run = await Retrains.RunAsync(http, incremental);
        if (run.Status != "active" && !incremental) throw new InvalidOperationException($"The retrain did not serve: {run.Status}: {run.Reason}");
        // Popularity is recomputed in the background once its cache period has passed: ask once, then again on the new one.
        await http.GetAsync("/recommendations/warm-up");
        await Task.Delay(TimeSpan.FromSeconds(3));
        return run;
    }

    private static async Task<List<string>> ListAsync(HttpClient http, string path)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(path));
        return document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("songId").GetString()!).ToList();
    }

    /// <summary>The venue the service was sent, event for event, as the retrain reads it.</summary>
    private static VenueSnapshot Snapshot(PublicDataset dataset)
    {
        var users = dataset.Events.Select(e => e.UserId).Concat(dataset.Users.Select(u => u.Id)).Distinct()
            .Select(id => dataset.Users.FirstOrDefault(u => u.Id == id) is { } p
                ? new User { Id = id, BirthYear = p.BirthYear, Gender = p.Gender, Region = p.Region }
                : new User { Id = id }).ToList();
        var songs = dataset.Songs.Select(s => new Song
        {
            Id = s.Id, Title = s.Title, Artist = s.Artist, Language = s.Language, Genre = s.Genre, ReleaseYear = s.ReleaseYear, Tags = [.. s.Tags],
        }).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var events = dataset.Events.Select(e => new KtvRec.Domain.Events.VenueEvent(e.Type, e.UserId, e.SongId, null, e.At.UtcDateTime, e.Progress)).ToList();
        return new VenueSnapshot(users, songs, [], events);
    }
}
