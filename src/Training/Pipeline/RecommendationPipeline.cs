using KtvRec.Training.Features;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Scoring;

namespace KtvRec.Training.Pipeline;

/// <summary>A request's candidates with what the ranker reads of each, before any model: also what the ranker trains on.</summary>
public sealed record CandidateList(IReadOnlyList<Candidate> Candidates, IReadOnlyList<PairSignals> Pairs);

/// <summary>One candidate with what the ranker made of it.</summary>
/// <param name="Probability">The ranker's probability that the user picks and enjoys it.</param>
public sealed record ScoredCandidate(Candidate Candidate, PairSignals Pair, float Probability);

/// <summary>A request's candidates, scored, with the user side the scores were made with (what explaining them needs).</summary>
public sealed record ScoredCandidates(ListRequest Request, CatalogScorer.UserSide Side, IReadOnlyList<ScoredCandidate> Candidates);

/// <summary>
/// The one way a list is made — for a jukebox's request, for the retrain's choice of epochs and weights, for the gate,
/// for the ranker's own training rows, and for the CLI: candidates from the catalog's sources (the user's songs, EASE's
/// and the walk's similar songs, popular songs) without what must stay off the list; the ranker (the served DeepFM)
/// scores each with the user's side, the song's side and what retrieval knows of the pair, and lists them in its order;
/// no artist crowds the list.
/// </summary>
public sealed class RecommendationPipeline(PipelineOptions options)
{
    public PipelineOptions Options => options;

    public CandidateBudget Budget => new(options.CandidateCount);

    /// <summary>The list: <see cref="Score"/>, then <see cref="Order(ScoredCandidates, ServedModel, int)"/>.</summary>
    public List<ScoredCandidate> Rank(ListRequest request, ServedModel model, SongPopularity popularity) =>
        Order(Score(request, model, popularity), model, request.Count);

    /// <summary>The candidates from every source and what retrieval knows of each for this user.</summary>
    /// <param name="similarity">Item-to-item weights indexed by <paramref name="catalog"/>'s rows.</param>
    public CandidateList Candidates(ListRequest request, CatalogRows catalog, SongSimilarity similarity, SongPopularity popularity)
    {
        var excluded = new HashSet<int>(catalog.RowsOf(request.Excluded));
        using var signals = new UserSignals(similarity, catalog.RowsOf(request.History));
        var only = request.Only;
        bool Available(int row) => !excluded.Contains(row) && (only is null || only.Contains(row));
        // A tab's popular songs are its own, in popularity order: the languages that matter are what it was asked for.
        var popular = only?.Popular ?? popularity.Candidates(request.Languages, Budget);
        var candidates = CandidateGenerator.Generate(signals, popular, Available, Budget);
        foreach (var row in catalog.RowsOf(request.Required))
        {
            if (Available(row) && !candidates.Exists(c => c.Row == row)) candidates.Add(new Candidate(row, CandidateSource.Popular, -1));
        }
        // Once per language, not per candidate.
        var preferred = new int?[catalog.LanguageCount];
        int Preferred(int row) => preferred[catalog.LanguageKeys[row]] ??= KtvFeatures.PreferredLanguageToken(request.Profile, catalog.Languages[row]);
        var pairs = candidates.ConvertAll(c =>
            PairSignals.Of(signals, c.Row, popularity.PositionOf(c.Row), similarity.PopularPositions[c.Row], Preferred(c.Row)));
        return new CandidateList(candidates, pairs);
    }

    /// <summary>Candidates from every source, each scored by the ranker for this user in this context.</summary>
    public ScoredCandidates Score(ListRequest request, ServedModel model, SongPopularity popularity)
    {
        var list = Candidates(request, model.Rows, model.Similarity, popularity);
        var side = model.Scorer.Prepare(request.Profile, request.Context, request.History);
        var probabilities = model.Scorer.Score(side, list.Candidates.Select(c => c.Row).ToList(), list.Pairs);
        var scored = new ScoredCandidate[list.Candidates.Count];
        for (var i = 0; i < scored.Length; i++) scored[i] = new ScoredCandidate(list.Candidates[i], list.Pairs[i], probabilities[i]);
        return new ScoredCandidates(request, side, scored);
    }

    /// <summary>
    /// The first <paramref name="count"/> by the ranker's probability blended with the candidates' own order as the
    /// model's <see cref="OrderBlend"/> says for this kind of list, no artist more often than variety allows.
    /// </summary>
    public List<ScoredCandidate> Order(ScoredCandidates scored, ServedModel model, int count) =>
        Order(scored, model, count, model.Blend.For(scored.Request.Discovery));

    /// <summary>The same with a blend weight of its own (<see cref="OrderBlend.Score"/>; 0: the ranker alone).</summary>
    public List<ScoredCandidate> Order(ScoredCandidates scored, ServedModel model, int count, double blend)
    {
        var scores = new double[scored.Candidates.Count];
        for (var i = 0; i < scores.Length; i++)
            scores[i] = blend == 0 ? scored.Candidates[i].Probability : OrderBlend.Score(scored.Candidates[i].Probability, i, blend);
        return Varied(ScoreOrder.InOrder(scores, 2 * count), scored, model, count).ConvertAll(i => scored.Candidates[i]);
    }

    /// <summary>
    /// The same candidates without the ranker, in the order their sources gave them (the user's songs, EASE's similar
    /// songs by rank, the walk's, then popular ones): what the model's lift is measured against.
    /// </summary>
    public List<ScoredCandidate> OrderWithoutModel(ScoredCandidates scored, ServedModel model, int count) =>
        Varied(Enumerable.Range(0, scored.Candidates.Count), i => scored.Candidates[i].Candidate.Row, model.Rows, count)
            .ConvertAll(i => scored.Candidates[i]);

    /// <summary>The same order of unscored candidates, as positions in <paramref name="list"/>.</summary>
    public List<int> OrderWithoutModel(CandidateList list, CatalogRows catalog, int count) =>
        Varied(Enumerable.Range(0, list.Candidates.Count), i => list.Candidates[i].Row, catalog, count);

    private List<int> Varied(IEnumerable<int> order, ScoredCandidates scored, ServedModel model, int count) =>
        Varied(order, i => scored.Candidates[i].Candidate.Row, model.Rows, count);

    private List<int> Varied(IEnumerable<int> order, Func<int, int> rowAt, CatalogRows catalog, int count) =>
        ArtistVariety.Take(order, i => catalog.ArtistKeys[rowAt(i)], count, options.MaxPerArtist, options.ArtistWindow);
}
