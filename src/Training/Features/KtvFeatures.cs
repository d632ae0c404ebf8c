using KtvRec.Domain;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;
using KtvRec.Training.Data;

namespace KtvRec.Training.Features;

/// <summary>
/// The fields a KTV row is described by: who (id and profile), what (song, artist, language, genre, decade, tags)
/// and when (hour, weekday, party size), whether the song is in one of the user's preferred languages, and the
/// user's recent songs (pooled, so the model learns which songs go with which, and a user new to the model who has
/// sung a few songs is no stranger).
/// </summary>
public static class KtvFeatures
{
    public const int MaxTags = 5;

    /// <summary>
    /// The user's most recent distinct songs a row carries. 10, not 20: on the simulator 20 reached Recall@20 0.288
    /// against 0.271, but made scoring a request's candidates cost 2× rather than 1.5× (docs/ranking.md).
    /// </summary>
    public const int MaxRecentSongs = 10;

    public static readonly IReadOnlyList<string> Fields =
    [
        "user", "song", "artist", "language", "genre", "decade", "tags",
        "birth_decade", "gender", "region", "language_preferred", "hour", "weekday", "party_size",
        "recent_songs",
    ];

    public const int UserField = 0;
    private const int TagsField = 6;
    public const int PreferredLanguageField = 10;
    public const int HourField = 11;
    public const int WeekdayField = 12;
    public const int PartySizeField = 13;
    private const int RecentSongsField = 14;
    /// <summary>The token of a value not known (e.g. the party size of a request without a room).</summary>
    public const string UnknownToken = "?";

    /// <summary>Slots per row: one for each single-valued field, <see cref="MaxTags"/> for the tags, <see cref="MaxRecentSongs"/> for the recent songs.</summary>
    public static int Slots => Fields.Count - 2 + MaxTags + MaxRecentSongs;

    /// <summary>Slots of <see cref="UserSide"/>: the user, their profile, the context and their recent songs.</summary>
    public const int UserSideSlots = 7 + MaxRecentSongs;

    /// <summary>Slots of <see cref="SongSide"/>: the song, its artist, language, genre, decade and tags.</summary>
    public const int SongSideSlots = 5 + MaxTags;

    /// <param name="recentSongs">The user's distinct enjoyed songs before this moment, newest first; they come last in the row, so a model trained before the field existed reads the rest unchanged.</param>
    public static RawRow Row(User? user, string userId, Song song, PlayContext context, float label, IReadOnlyList<string> recentSongs)
    {
        var features = new List<RawFeature>(Slots) { new(UserField, userId) };
        AddSong(features, song);
        AddProfile(features, user);
        features.Add(PreferredLanguage(user, song));
        AddContext(features, context);
        AddRecentSongs(features, recentSongs);
        return new RawRow(label, features);
    }

    /// <summary>The part of <see cref="Row"/> every candidate of one request shares: scored once per request.</summary>
    public static RawRow UserSide(User? user, string userId, PlayContext context, IReadOnlyList<string> recentSongs)
    {
        var features = new List<RawFeature>(UserSideSlots) { new(UserField, userId) };
        AddProfile(features, user);
        AddContext(features, context);
        AddRecentSongs(features, recentSongs);
        return new RawRow(0, features);
    }

    /// <summary>
    /// The part of <see cref="Row"/> that is the song's alone, the same for every request; with the user side and
    /// <see cref="PreferredLanguage"/> (which depends on both) it makes the whole row.
    /// </summary>
    public static RawRow SongSide(Song song)
    {
        var features = new List<RawFeature>(SongSideSlots);
        AddSong(features, song);
        return new RawRow(0, features);
    }

    private static void AddSong(List<RawFeature> features, Song song)
    {
        features.Add(new(1, song.Id));
        features.Add(new(2, song.Artist));
        features.Add(new(3, song.Language));
        features.Add(new(4, song.Genre));
        features.Add(new(5, song.ReleaseYear is { } year ? $"{year / 10 * 10}s" : UnknownToken));
        var tags = song.Tags.Take(MaxTags).ToList();
        foreach (var tag in tags) features.Add(new RawFeature(TagsField, tag, 1f / tags.Count));
    }

    private static void AddProfile(List<RawFeature> features, User? user)
    {
        features.Add(new(7, user?.BirthYear is { } born ? $"{born / 10 * 10}s" : UnknownToken));
        features.Add(new(8, user?.Gender ?? UnknownToken));
        features.Add(new(9, user?.Region ?? UnknownToken));
    }

    private static void AddContext(List<RawFeature> features, PlayContext context) => features.AddRange(Context(context));

    /// <summary>The context's fields: the hour's bucket, the weekday and the party size's bucket ("?" when unknown).</summary>
    public static RawFeature[] Context(PlayContext context) =>
    [
        new(HourField, HourBucket(context.HourOfDay)),
        new(WeekdayField, context.DayOfWeek.ToString()[..3]),
        new(PartySizeField, PartySizeBucket(context.PartySize)),
    ];

    /// <summary>The token of a value not known (e.g. the party size of a request without a room).</summary>

    private static void AddRecentSongs(List<RawFeature> features, IReadOnlyList<string> recentSongs)
    {
        // 1/√n, as in FISM: the pooled vector grows with how much is known, but less than linearly.
        var recent = Math.Min(recentSongs.Count, MaxRecentSongs);
        for (var i = 0; i < recent; i++) features.Add(new RawFeature(RecentSongsField, recentSongs[i], 1f / MathF.Sqrt(recent)));
    }

    /// <summary>The tokens of <see cref="PreferredLanguageField"/>: no preferred languages known, in one of them, in none.</summary>
    public static readonly IReadOnlyList<string> PreferredLanguageTokens = [UnknownToken, "yes", "no"];

    /// <summary>Whether the song is in one of the user's preferred languages.</summary>
    public static RawFeature PreferredLanguage(User? user, Song song) =>
        new(PreferredLanguageField, PreferredLanguageTokens[PreferredLanguageToken(user, song.Language)]);

    /// <summary>Which of <see cref="PreferredLanguageTokens"/> a song in <paramref name="language"/> gets for this user.</summary>
    public static int PreferredLanguageToken(User? user, string language) =>
        user is null || user.PreferredLanguages.Count == 0 ? 0
        : user.PreferredLanguages.Contains(language, StringComparer.OrdinalIgnoreCase) ? 1 : 2;

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
