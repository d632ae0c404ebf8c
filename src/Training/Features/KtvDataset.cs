using KtvRec.Domain;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;
using KtvRec.Training.Data;

namespace KtvRec.Training.Features;

/// <summary>How a venue's events become training data.</summary>
/// <param name="NegativeRatio">
/// Random songs the user did not pick, drawn per positive as negatives. 8 rather than 2: on the simulated venue the
/// served pipeline's Recall@20 goes 0.186 (2) → 0.201 (4) → 0.284 (8); more negatives teach "what this person picks",
/// not only "popular vs obscure".
/// </param>
/// <param name="ValidationFraction">The share held out to validate: the newest interactions, or of each user's songs (<see cref="KtvDataset.BuildHoldout"/>).</param>
/// <param name="MinCount">Tokens seen fewer times in training share their field's out-of-vocabulary index.</param>
/// <param name="PopularNegativeShare">
/// The share of sampled negatives drawn in proportion to a song's popularity (its training positives, to the power
/// 0.75, as word2vec draws), the rest uniformly. 0 by default: at 0.5 the simulator's pipeline Recall@20 fell from
/// 0.288 to 0.249, and on Last.fm the model alone gained only 0.137 → 0.144 NDCG@20 (docs/ranking.md).
/// </param>
public sealed record DatasetOptions(
    int NegativeRatio = DatasetOptions.DefaultNegativeRatio, double ValidationFraction = 0.1, int MinCount = 2, int Seed = 42,
    double PopularNegativeShare = DatasetOptions.DefaultPopularNegativeShare)
{
    public const int DefaultNegativeRatio = 8;
    public const double DefaultPopularNegativeShare = 0;
}

/// <summary>A venue's interactions as labeled, encoded rows, split into training and validation.</summary>
public sealed class KtvDataset
{
    private KtvDataset(
        VenueSnapshot venue, FeatureSpace space, List<Interaction> train, List<Interaction> validation,
        SongHistories histories, FeatureTable trainTable, FeatureTable validationTable)
    {
        Histories = histories;
        Venue = venue;
        Space = space;
        TrainInteractions = train;
        ValidationInteractions = validation;
        Train = trainTable;
        Validation = validationTable;
    }

    public VenueSnapshot Venue { get; }
    public FeatureSpace Space { get; }
    public IReadOnlyList<Interaction> TrainInteractions { get; }
    public IReadOnlyList<Interaction> ValidationInteractions { get; }
    public FeatureTable Train { get; }
    public FeatureTable Validation { get; }

    /// <summary>The training window's enjoyed songs per user, which give every encoded row its recent songs.</summary>
    public SongHistories Histories { get; }

    public DateTime? WindowStart => TrainInteractions.Count > 0 ? TrainInteractions[0].At : null;
    public DateTime? ValidationStart => ValidationInteractions.FirstOrDefault(i => !i.Sampled)?.At;
    public DateTime? WindowEnd => ValidationInteractions.Count > 0 ? ValidationInteractions.Max(i => i.At) : null;

    /// <summary>Split by time: the newest <see cref="DatasetOptions.ValidationFraction"/> of interactions validates.</summary>
    public static KtvDataset Build(VenueSnapshot venue, DatasetOptions options)
    {
        var observed = Observed(venue);
        var cut = (int)Math.Floor(observed.Count * (1 - options.ValidationFraction));
        return Build(venue, options, observed.Take(cut), observed.Skip(cut));
    }

    /// <summary>
    /// Split by user: a seeded random <see cref="DatasetOptions.ValidationFraction"/> of each user's enjoyed songs (at
    /// least one, for users with <see cref="MinSongsToHoldOut"/> or more) is held out with all its interactions, the
    /// usual protocol for implicit-feedback data without meaningful time.
    /// </summary>
    public static KtvDataset BuildHoldout(VenueSnapshot venue, DatasetOptions options)
    {
        var observed = Observed(venue);
        var random = new Random(options.Seed);
        var heldOut = new HashSet<(string, string)>();
        foreach (var user in observed.Where(i => i.Positive).GroupBy(i => i.UserId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var songs = user.Select(i => i.SongId).Distinct().Order(StringComparer.Ordinal).ToArray();
            if (songs.Length < MinSongsToHoldOut) continue;
            random.Shuffle(songs);
            var count = Math.Max(1, (int)Math.Round(songs.Length * options.ValidationFraction));
            foreach (var song in songs.Take(count)) heldOut.Add((user.Key, song));
        }
        bool IsHeldOut(Interaction i) => heldOut.Contains((i.UserId, i.SongId));
        return Build(venue, options, observed.Where(i => !IsHeldOut(i)), observed.Where(IsHeldOut));
    }

    /// <summary>Users with fewer enjoyed songs than this keep them all for training in <see cref="BuildHoldout"/>.</summary>
    public const int MinSongsToHoldOut = 5;

    private static List<Interaction> Observed(VenueSnapshot venue)
    {
        var songs = venue.Songs.Select(s => s.Id).ToHashSet();
        return Interactions.From(venue).Where(i => songs.Contains(i.SongId)).ToList();
    }

    private static KtvDataset Build(VenueSnapshot venue, DatasetOptions options, IEnumerable<Interaction> trainObserved, IEnumerable<Interaction> validationObserved)
    {
        var songs = venue.Songs.ToDictionary(s => s.Id);
        var random = new Random(options.Seed);
        var catalog = venue.Songs.Select(s => s.Id).Order(StringComparer.Ordinal).ToArray();
        var observed = trainObserved.ToList();
        var negatives = new NegativeSampler(catalog, observed, options.PopularNegativeShare, random);
        var train = WithSampledNegatives(observed, negatives, options.NegativeRatio);
        var validation = WithSampledNegatives(validationObserved, negatives, options.NegativeRatio);

        var histories = SongHistories.From(train);
        var encoder = new RowEncoder(venue.Users, songs, histories);
        var trainRows = train.Select(encoder.Row).ToList();
        var space = FeatureSpace.Fit(KtvFeatures.Fields, trainRows, options.MinCount);
        return new KtvDataset(
            venue, space, train, validation, histories,
            FeatureTable.Encode(space, trainRows, KtvFeatures.Slots),
            FeatureTable.Encode(space, validation.Select(encoder.Row), KtvFeatures.Slots));
    }

    /// <summary>Encodes any (user, song, context) rows with this dataset's vocabulary, e.g. a whole catalog for one user.</summary>
    public FeatureTable Encode(IEnumerable<Interaction> interactions) => EncodeWith(Space, interactions);

    /// <summary>Encodes rows with another model's vocabulary, so that model can be scored on this dataset's rows.</summary>
    public FeatureTable EncodeWith(FeatureSpace space, IEnumerable<Interaction> interactions)
    {
        var encoder = new RowEncoder(Venue.Users, Venue.Songs.ToDictionary(s => s.Id), Histories);
        return FeatureTable.Encode(space, interactions.Select(encoder.Row), KtvFeatures.Slots);
    }

    /// <summary>After each positive, <paramref name="ratio"/> songs the user did not pick on that occasion, labeled negative.</summary>
    private static List<Interaction> WithSampledNegatives(IEnumerable<Interaction> observed, NegativeSampler negatives, int ratio)
    {
        var list = observed.ToList();
        var picked = list.GroupBy(i => (i.UserId, i.SessionId, i.At.Date))
            .ToDictionary(g => g.Key, g => g.Select(i => i.SongId).ToHashSet());
        var result = new List<Interaction>(list.Count * (1 + ratio));
        foreach (var interaction in list)
        {
            result.Add(interaction);
            if (!interaction.Positive) continue;
            var taken = picked[(interaction.UserId, interaction.SessionId, interaction.At.Date)];
            var drawn = 0;
            while (drawn < ratio && taken.Count < negatives.CatalogSize)
            {
                var song = negatives.Draw();
                if (taken.Contains(song)) continue;
                result.Add(interaction with { SongId = song, Positive = false, Sampled = true });
                drawn++;
            }
        }
        return result;
    }

    /// <summary>Draws songs uniformly or, for a share of draws, in proportion to popularity^0.75.</summary>
    private sealed class NegativeSampler
    {
        private readonly string[] _catalog;
        private readonly double[] _cumulative;
        private readonly double _popularShare;
        private readonly Random _random;

        public NegativeSampler(string[] catalog, IEnumerable<Interaction> train, double popularShare, Random random)
        {
            _catalog = catalog;
            _popularShare = popularShare;
            _random = random;
            var counts = train.Where(i => i.Positive).GroupBy(i => i.SongId).ToDictionary(g => g.Key, g => g.Count());
            _cumulative = new double[catalog.Length];
            var total = 0.0;
            for (var i = 0; i < catalog.Length; i++) _cumulative[i] = total += Math.Pow(counts.GetValueOrDefault(catalog[i]), 0.75);
        }

        public int CatalogSize => _catalog.Length;

        public string Draw()
        {
            var total = _cumulative.Length == 0 ? 0 : _cumulative[^1];
            // Without a popular share the draws are exactly the uniform ones, so seeded figures stay as they were.
            if (_popularShare <= 0 || total <= 0 || _random.NextDouble() >= _popularShare) return _catalog[_random.Next(_catalog.Length)];
            var index = Array.BinarySearch(_cumulative, _random.NextDouble() * total);
            return _catalog[Math.Min(index < 0 ? ~index : index, _catalog.Length - 1)];
        }
    }

    /// <summary>Each row with the user's recent songs before its moment (a sampled negative shares its positive's).</summary>
    private sealed class RowEncoder(IReadOnlyList<User> users, Dictionary<string, Song> songs, SongHistories histories)
    {
        private readonly Dictionary<string, User> _users = users.ToDictionary(u => u.Id);
        private (string UserId, DateTime At, IReadOnlyList<string> Songs) _last = ("", default, []);

        public RawRow Row(Interaction i)
        {
            if (_last.UserId != i.UserId || _last.At != i.At) _last = (i.UserId, i.At, histories.Before(i.UserId, i.At));
            return KtvFeatures.Row(_users.GetValueOrDefault(i.UserId), i.UserId, songs[i.SongId], i.Context, i.Positive ? 1f : 0f, _last.Songs);
        }
    }
}
