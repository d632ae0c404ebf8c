using KtvRec.Domain;
using KtvRec.Training.Data;
using KtvRec.Training.Features;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Trainer;

/// <summary>How the ranker's training rows are made.</summary>
/// <param name="Folds">How many moments of each user's history become queries: the newest <paramref name="FoldFraction"/> of their interactions, the one before it, and so on.</param>
/// <param name="FoldFraction">The share of a user's interactions one query's songs to find are.</param>
/// <param name="NegativesPerQuery">The candidates not picked kept per query (drawn at random): beyond this they cost time and add little.</param>
/// <param name="QueryUsers">At most this many users per fold (drawn at random), so a large venue's rows stay bounded.</param>
public sealed record RankerRowOptions(double FoldFraction = 0.2, int Folds = 3, int NegativesPerQuery = 100, int QueryUsers = 5_000, int MinCount = 2);

/// <summary>
/// The rows of an incremental retrain: one query per user who sang after <paramref name="After"/> (the newest part of
/// their history, which holds what they sang since), and <paramref name="Replay"/> times as many queries of the other
/// users drawn at random, so the model keeps what it knew while it learns the new.
/// </summary>
public sealed record RowsSince(DateTime After, double Replay);

/// <summary>
/// The ranker's training rows: the candidates the pipeline actually generates for users at moments of their history,
/// labeled by what they went on to enjoy. For each fold, every user's history is cut before their fold's songs; EASE's
/// and the walk's weights and popularity are fitted on what is left, so a candidate's signals are what serving would
/// have computed then, with nothing of the songs to find in them. Kept compact (a query's user side once, each row a
/// song, its pair fields and its label) and encoded straight into the trainer's table.
/// </summary>
public sealed partial class RankerRows
{
    private readonly List<RawRow> _userSides = [];
    private readonly List<(string UserId, PlayContext Context)> _users = [];
    private readonly List<(int Query, int Song, PairSignals Pair, float Label)> _rows = [];

    private RankerRows(CatalogRows catalog) => Catalog = catalog;

    public CatalogRows Catalog { get; }
    public int Count => _rows.Count;
    public int Queries => _userSides.Count;
    public int Positives => _rows.Count(r => r.Label > 0);

    /// <summary>Rows over the folds of <paramref name="interactions"/> (time order), with EASE at <paramref name="similarity"/>'s λ.</summary>
    /// <param name="since">Only the newest fold, its queries those of <see cref="RowsSince"/>; null: every fold, every user.</param>
    public static RankerRows Build(
        VenueHistory venue, IReadOnlyList<Interaction> interactions, CatalogRows catalog, RecommendationPipeline pipeline,
        SimilarityOptions similarity, RankerRowOptions options, int seed, CancellationToken cancellationToken = default, RowsSince? since = null)
    {
        var rows = new RankerRows(catalog);
        var random = new Random(seed);
        var byUser = interactions.GroupBy(i => i.UserId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var folds = since is null ? options.Folds : 1;
        for (var fold = 0; fold < folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var known = new List<Interaction>(interactions.Count);
            var queries = new List<(string User, Interaction First, HashSet<string> Songs)>();
            foreach (var user in byUser)
            {
                var chunk = Math.Max(1, (int)Math.Round(user.Count * options.FoldFraction));
                var end = user.Count - fold * chunk;
                var start = end - chunk;
                // Too short a history before this fold: all of it stays known, no query.
                if (start < 2)
                {
                    known.AddRange(user);
                    continue;
                }
                known.AddRange(user.Take(start));
                var songs = user.Skip(start).Take(chunk).Where(i => i.Enjoyed).Select(i => i.SongId).ToHashSet(StringComparer.Ordinal);
                if (songs.Count > 0) queries.Add((user[0].UserId, user[start], songs));
            }
            if (queries.Count == 0) continue;
            known.Sort((a, b) => a.At.CompareTo(b.At));
            var weights = SongSimilarity.Fit(known.Where(i => i.Enjoyed).Select(i => (i.UserId, i.SongId)).ToList(), similarity).InOrderOf(catalog.Ids);
            var popularity = SongPopularity.At(known, known[^1].At, pipeline.Options.PopularityWindowDays, catalog);
            foreach (var (user, first, songs) in Choose(queries, options.QueryUsers, since, byUser, random))
            {
                var request = ListRequest.At(venue, user, first.At, first.Context, discovery: false, pipeline.Options, pipeline.Options.CandidateCount);
                rows.Add(user, request, pipeline.Candidates(request, catalog, weights, popularity), songs, options.NegativesPerQuery, random);
            }
            // The fold's EASE matrices and thousands of candidate lists: gone before the next fold makes its own.
            NativeMemory.CollectBetweenStages();
        }
        return rows;
    }

    /// <summary>At most <paramref name="count"/> queries drawn at random; with <paramref name="since"/>, the new users' first and then the replayed.</summary>
    private static IEnumerable<(string User, Interaction First, HashSet<string> Songs)> Choose(
        List<(string User, Interaction First, HashSet<string> Songs)> queries, int count, RowsSince? since, List<List<Interaction>> byUser, Random random)
    {
        var chosen = queries.ToArray();
        random.Shuffle(chosen);
        if (since is null) return chosen.Take(count);
        var latest = byUser.ToDictionary(user => user[0].UserId, user => user[^1].At, StringComparer.Ordinal);
        var recent = chosen.Where(query => latest[query.User] > since.After).Take(count).ToList();
        var replayed = chosen.Where(query => latest[query.User] <= since.After).Take((int)Math.Min(count, Math.Round(recent.Count * since.Replay)));
        return recent.Concat(replayed);
    }

    /// <summary>
    /// One query's rows: the candidates <paramref name="list"/> holds for <paramref name="request"/>, those in
    /// <paramref name="relevant"/> positive, at most <paramref name="negatives"/> of the others (all with a null random).
    /// A query with no positive teaches nothing about the order and is left out.
    /// </summary>
    public void Add(string userId, ListRequest request, CandidateList list, IReadOnlySet<string> relevant, int negatives, Random? random)
    {
        var positive = new List<int>();
        var negative = new List<int>();
        for (var i = 0; i < list.Candidates.Count; i++) (relevant.Contains(Catalog.Ids[list.Candidates[i].Row]) ? positive : negative).Add(i);
        if (positive.Count == 0) return;
        if (random is not null && negative.Count > negatives)
        {
            var drawn = negative.ToArray();
            random.Shuffle(drawn);
            negative = [.. drawn.Take(negatives).Order()];
        }
        var query = _userSides.Count;
        _userSides.Add(KtvFeatures.UserSide(request.Profile, request.Context, request.History));
        _users.Add((userId, request.Context));
        foreach (var i in positive.Concat(negative).Order())
            _rows.Add((query, list.Candidates[i].Row, list.Pairs[i], relevant.Contains(Catalog.Ids[list.Candidates[i].Row]) ? 1 : 0));
    }

    /// <summary>Each row's user, song and context, in row order (e.g. to ask the simulator's oracle about them).</summary>
    public IEnumerable<(string UserId, string SongId, PlayContext Context)> Keys =>
        _rows.Select(r => (_users[r.Query].UserId, Catalog.Ids[r.Song], _users[r.Query].Context));

    /// <summary>The held-out users' candidates at the moment of their first held-out song, labeled by what they went on to enjoy.</summary>
    public static RankerRows ForHeldOut(
        IReadOnlyList<Evaluation.HeldOutUser> users, Evaluation.PipelineEvaluation evaluation, CatalogRows catalog, RecommendationPipeline pipeline,
        SongSimilarity similarity, SongPopularity popularity)
    {
        var rows = new RankerRows(catalog);
        var weights = similarity.InOrderOf(catalog.Ids);
        foreach (var user in users)
        {
            var request = evaluation.Request(user, discovery: false);
            rows.Add(user.UserId, request, pipeline.Candidates(request, catalog, weights, popularity), user.Relevant, int.MaxValue, random: null);
        }
        return rows;
    }

    /// <summary>The rows one at a time as whole rows, to fit a vocabulary on.</summary>
    public IEnumerable<RawRow> Raw()
    {
        var songSides = new Dictionary<int, RawRow>();
        foreach (var (query, song, pair, label) in _rows)
        {
            if (!songSides.TryGetValue(song, out var side)) songSides[song] = side = KtvFeatures.SongSide(Catalog.Songs[song]);
            yield return KtvFeatures.Row(side, _userSides[query], pair, label);
        }
    }

    /// <summary>
    /// The vocabulary <see cref="Raw"/>'s rows give, counted without making them: each song's side and each query's user
    /// side counted once for all their rows, the pair fields row by row.
    /// </summary>
    public FeatureSpace FitSpace(int minCount) => FeatureSpace.Fit(KtvFeatures.Fields, CountFeatures(), minCount);

    /// <summary><paramref name="space"/> grown by the tokens these rows hold often enough that it does not know (<see cref="FeatureSpace.Extend"/>).</summary>
    public (FeatureSpace Space, int[] StartFrom) ExtendSpace(FeatureSpace space) => space.Extend(CountFeatures());

    private IEnumerable<(RawFeature Feature, int Rows)> CountFeatures()
    {
        var songRows = new Dictionary<int, int>();
        var queryRows = new int[_userSides.Count];
        foreach (var (query, song, _, _) in _rows)
        {
            songRows[song] = songRows.GetValueOrDefault(song) + 1;
            queryRows[query]++;
        }
        var songSides = songRows.SelectMany(song => KtvFeatures.SongSide(Catalog.Songs[song.Key]).Features.Select(feature => (feature, song.Value)));
        var userSides = _userSides.SelectMany((side, query) => side.Features.Select(feature => (feature, queryRows[query])));
        var pairs = _rows.SelectMany(row => KtvFeatures.Pair(row.Pair).Select(feature => (feature, 1)));
        return songSides.Concat(userSides).Concat(pairs);
    }
}
