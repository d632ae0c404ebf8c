namespace KtvRec.Training.Retrieval;

/// <summary>How a model's item-to-item weights are fitted.</summary>
/// <param name="EaseLambda">EASE's L2 regularisation λ (each retrain chooses it among <see cref="SongSimilarity.Lambdas"/>).</param>
/// <param name="EaseSongs">The most enjoyed songs EASE learns weights for; its cost grows with their cube (0: none).</param>
public sealed record SimilarityOptions(double EaseLambda = Ease.DefaultLambda, int EaseSongs = SimilarityOptions.DefaultEaseSongs)
{
    /// <summary>~5,000 songs take seconds and 100 MB; on Last.fm all 15,000 ranked no better (docs/ranking.md).</summary>
    public const int DefaultEaseSongs = 5_000;
}

/// <summary>
/// What a model knows of the songs from its training window: EASE's learned weights (the songs the same people enjoy,
/// given everything else they enjoy), the random walk between songs through their listeners (<see cref="SongWalk"/>),
/// and the songs by how many people enjoyed them over the whole window. Candidate sources and signals for the ranker,
/// stored with the model.
/// </summary>
/// <param name="Popular">Song ids, the most people enjoyed first (only songs someone enjoyed).</param>
public sealed record SongSimilarity(SongNeighbours Ease, SongNeighbours Walk, IReadOnlyList<string> Popular)
{
    public static SongSimilarity Empty { get; } = new(SongNeighbours.Empty, SongNeighbours.Empty, []);

    /// <summary>The λ a retrain tries for EASE: the best differs by venue (50-100 on Last.fm, 200 on MovieLens; docs/ranking.md).</summary>
    public static readonly IReadOnlyList<double> Lambdas = [50, 100, 200, 400];

    /// <summary>In the form <see cref="InOrderOf"/> gives: each row's place in <see cref="Popular"/>, -1 for a song nobody enjoyed.</summary>
    public int[] PopularPositions { get; private init; } = [];

    /// <param name="positives">Who enjoyed which song, oldest first.</param>
    public static SongSimilarity Fit(IReadOnlyCollection<(string UserId, string SongId)> positives, SimilarityOptions options) =>
        new(FitEase(positives, options), SongWalk.Fit(positives), PopularOf(positives));

    public static SongNeighbours FitEase(IReadOnlyCollection<(string UserId, string SongId)> positives, SimilarityOptions options)
    {
        if (options.EaseSongs == 0 || positives.Count == 0) return SongNeighbours.Empty;
        using var gram = EaseGram.Count(positives, options.EaseSongs);
        return gram.Neighbours(options.EaseLambda);
    }

    /// <summary>The songs by how many people enjoyed them, then by id.</summary>
    public static IReadOnlyList<string> PopularOf(IEnumerable<(string UserId, string SongId)> positives) =>
        positives.GroupBy(p => p.SongId, StringComparer.Ordinal)
            .Select(g => (Song: g.Key, People: g.Select(p => p.UserId).Distinct(StringComparer.Ordinal).Count()))
            .OrderByDescending(s => s.People).ThenBy(s => s.Song, StringComparer.Ordinal)
            .Select(s => s.Song).ToList();

    /// <summary>Indexed by <paramref name="songs"/> (a catalog's rows): the weights between them, and each row's place in popularity.</summary>
    public SongSimilarity InOrderOf(IReadOnlyList<string> songs)
    {
        var place = new Dictionary<string, int>(Popular.Count, StringComparer.Ordinal);
        for (var i = 0; i < Popular.Count; i++) place[Popular[i]] = i;
        return new SongSimilarity(Ease.InOrderOf(songs), Walk.InOrderOf(songs), Popular)
        {
            PopularPositions = songs.Select(song => place.GetValueOrDefault(song, -1)).ToArray(),
        };
    }
}
