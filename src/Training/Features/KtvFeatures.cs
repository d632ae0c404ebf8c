using System.Globalization;
using System.Numerics;
using KtvRec.Domain;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;
using KtvRec.Training.Data;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Features;

/// <summary>
/// The fields the ranker reads for one candidate song and one user, in three sides. The song's side: its language,
/// genre, decade and tags (not its id nor its artist: with a few held-out songs per user to learn from, ids were learned
/// by heart, docs/ranking.md; what the users' songs say of a song reaches the ranker through the pair). The user's side: their profile, the context (hour, weekday, party size), how much
/// they have sung and their recent songs (pooled, so songs that go together are learned, FISM-style). The pair: what
/// the pipeline knows of this song for this user — whether it is in their languages, where it stands in their history
/// and how often they sang it, its rank and z-score among the songs EASE's weights and the walk lead to, its rank from
/// their latest songs, and its place in the venue's popularity lately and over the model's whole window. A row is a song's side, a user's side and a pair; serving computes the user's side
/// once per request and the song's once per model (<see cref="Scoring.CatalogScorer"/>).
/// </summary>
public static class KtvFeatures
{
    /// <summary>The tags of a song a row reads (a song may carry up to <see cref="Limits.MaxTags"/>; the first few say most).</summary>
    public const int TagsPerSong = 5;

    /// <summary>The user's most recent distinct songs a row carries (10: 20 cost twice the scoring for little, docs/ranking.md).</summary>
    public const int MaxRecentSongs = 10;

    public static readonly IReadOnlyList<string> Fields =
    [
        "language", "genre", "decade", "tags",
        "birth_decade", "gender", "region", "hour", "weekday", "party_size", "activity", "recent_songs",
        "language_preferred", "sung_before", "sung_times", "similar_rank", "similar_score", "together_rank", "together_score", "latest_rank",
        "popularity", "window_popularity",
    ];

    private const int TagsField = 3;
    public const int HourField = 7;
    public const int WeekdayField = 8;
    public const int PartySizeField = 9;
    private const int ActivityField = 10;
    private const int RecentSongsField = 11;

    /// <summary>The first of the pair's fields; they follow in the order of <see cref="PairSignals"/>.</summary>
    public const int FirstPairField = 12;

    /// <summary>How many pair fields a row has, one slot each.</summary>
    public const int PairFields = 10;

    /// <summary>The token of a value not known (e.g. the party size of a request without a room).</summary>
    public const string UnknownToken = "?";

    /// <summary>The one token of a numeric field: its embedding is scaled by the value.</summary>
    public const string ValueToken = "z";

    /// <summary>Slots of <see cref="SongSide"/>: the song's language, genre, decade and tags.</summary>
    public const int SongSideSlots = 3 + TagsPerSong;

    /// <summary>Slots of <see cref="UserSide"/>: the profile, the context, the activity and the recent songs.</summary>
    public const int UserSideSlots = 7 + MaxRecentSongs;

    /// <summary>Slots per row: the song's side, the user's side, then one per pair field.</summary>
    public const int Slots = SongSideSlots + UserSideSlots + PairFields;

    /// <summary>A whole row, as training reads it: the three sides (a slot's place does not matter, its field does).</summary>
    public static RawRow Row(RawRow songSide, RawRow userSide, PairSignals pair, float label) =>
        new(label, [.. songSide.Features, .. userSide.Features, .. Pair(pair)]);

    /// <summary>The part of a row that is the song's alone, the same for every request.</summary>
    public static RawRow SongSide(Song song)
    {
        var features = new List<RawFeature>(SongSideSlots)
        {
            new(0, song.Language),
            new(1, song.Genre),
            new(2, song.ReleaseYear is { } year ? $"{year / 10 * 10}s" : UnknownToken),
        };
        var tags = song.Tags.Take(TagsPerSong).ToList();
        foreach (var tag in tags) features.Add(new RawFeature(TagsField, tag, 1f / tags.Count));
        return new RawRow(0, features);
    }

    /// <summary>The part of a row every candidate of one request shares: computed once per request.</summary>
    /// <param name="history">The songs the user enjoyed before this moment, newest first (repeats count once).</param>
    public static RawRow UserSide(User? user, PlayContext context, IReadOnlyList<string> history)
    {
        var songs = history.Distinct(StringComparer.Ordinal).ToList();
        var features = new List<RawFeature>(UserSideSlots)
        {
            new(4, user?.BirthYear is { } born ? $"{born / 10 * 10}s" : UnknownToken),
            new(5, user?.Gender ?? UnknownToken),
            new(6, user?.Region ?? UnknownToken),
        };
        features.AddRange(Context(context));
        features.Add(new RawFeature(ActivityField, Token(Activity(songs.Count))));
        // 1/√n, as in FISM: the pooled vector grows with how much is known, but less than linearly.
        var recent = Math.Min(songs.Count, MaxRecentSongs);
        for (var i = 0; i < recent; i++) features.Add(new RawFeature(RecentSongsField, songs[i], 1f / MathF.Sqrt(recent)));
        return new RawRow(0, features);
    }

    /// <summary>The context's fields: the hour's bucket, the weekday and the party size's bucket ("?" when unknown).</summary>
    public static RawFeature[] Context(PlayContext context) =>
    [
        new(HourField, HourBucket(context.HourOfDay)),
        new(WeekdayField, context.DayOfWeek.ToString()[..3]),
        new(PartySizeField, PartySizeBucket(context.PartySize)),
    ];

    /// <summary>The pair's fields as tokens: a bucket for each, the z-scores as the value of their one token.</summary>
    public static RawFeature[] Pair(PairSignals pair) =>
    [
        new(FirstPairField, PreferredLanguageTokens[pair.PreferredLanguage]),
        new(FirstPairField + 1, Token(pair.SungBefore)),
        new(FirstPairField + 2, Token(pair.SungTimes)),
        new(FirstPairField + 3, Token(pair.SimilarRank)),
        new(FirstPairField + 4, ValueToken, pair.SimilarScore),
        new(FirstPairField + 5, Token(pair.TogetherRank)),
        new(FirstPairField + 6, ValueToken, pair.TogetherScore),
        new(FirstPairField + 7, Token(pair.LatestRank)),
        new(FirstPairField + 8, Token(pair.Popularity)),
        new(FirstPairField + 9, Token(pair.WindowPopularity)),
    ];

    /// <summary>Whether a pair field is a number (its one token scaled by the value) rather than a bucket.</summary>
    public static bool IsNumeric(int pairField) => pairField is 4 or 6;

    /// <summary>The buckets a pair field can take (every field's fit in an int's bits: see <see cref="RankBucket"/>, <see cref="PositionBucket"/>).</summary>
    public const int MaxBucket = 32;

    public static string Token(int bucket) => bucket.ToString(CultureInfo.InvariantCulture);

    /// <summary>The tokens of the preferred-language field: no preferred languages known, in one of them, in none.</summary>
    public static readonly IReadOnlyList<string> PreferredLanguageTokens = [UnknownToken, "yes", "no"];

    /// <summary>Which of <see cref="PreferredLanguageTokens"/> a song in <paramref name="language"/> gets for this user.</summary>
    public static int PreferredLanguageToken(User? user, string language) =>
        user is null || user.PreferredLanguages.Count == 0 ? 0
        : user.PreferredLanguages.Contains(language, StringComparer.OrdinalIgnoreCase) ? 1 : 2;

    /// <summary>
    /// A rank's bucket: 0 for none, each of the first twenty its own, then one per doubling (20-31, 32-63, ...): the
    /// precision <see cref="SimilarityPass.RankOf"/> keeps.
    /// </summary>
    public static int RankBucket(int rank) =>
        rank < 0 ? 0 : rank < SimilarityPass.ExactRanks ? rank + 1 : Math.Min(MaxBucket - 1, 17 + BitOperations.Log2((uint)rank));

    /// <summary>A position's bucket: 0 for none, then one per doubling (0, 1-2, 3-6, ...).</summary>
    public static int PositionBucket(int position) =>
        position < 0 ? 0 : Math.Min(MaxBucket - 1, 1 + BitOperations.Log2((uint)position + 1));

    /// <summary>A count by doubling (0, 1, 2-3, 4-7, ...): how many songs a user has enjoyed, what tells a regular from a first-timer, or how often they sang one.</summary>
    public static int Activity(int songs) => songs == 0 ? 0 : Math.Min(MaxBucket - 1, 1 + BitOperations.Log2((uint)songs));

    /// <summary>A z-score as a field's value: clipped, and scaled so a strong song is a few units.</summary>
    public static float ScoreValue(float z) => Math.Clamp(z, -5f, 50f) / 10f;

    private static string HourBucket(int hour) => hour switch
    {
        >= 6 and < 12 => "morning",
        >= 12 and < 18 => "afternoon",
        >= 18 and < 22 => "evening",
        >= 22 or < 2 => "late",
        _ => "night",
    };

    private static string PartySizeBucket(int size) => size switch
    {
        <= 0 => UnknownToken,
        1 => "1",
        2 => "2",
        <= 4 => "3-4",
        <= 6 => "5-6",
        _ => "7+",
    };
}
