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
    private const int RecentSongsField = 14;
    private const string Unknown = "?";

    /// <summary>Slots per row: one for each single-valued field, <see cref="MaxTags"/> for the tags, <see cref="MaxRecentSongs"/> for the recent songs.</summary>
    public static int Slots => Fields.Count - 2 + MaxTags + MaxRecentSongs;

    /// <param name="recentSongs">The user's distinct enjoyed songs before this moment, newest first; they come last in the row, so a model trained before the field existed reads the rest unchanged.</param>
    public static RawRow Row(User? user, string userId, Song song, PlayContext context, float label, IReadOnlyList<string> recentSongs)
    {
        var features = new List<RawFeature>(Slots)
        {
            new(0, userId),
            new(1, song.Id),
            new(2, song.Artist),
            new(3, song.Language),
            new(4, song.Genre),
            new(5, song.ReleaseYear is { } year ? $"{year / 10 * 10}s" : Unknown),
        };
        var tags = song.Tags.Take(MaxTags).ToList();
        foreach (var tag in tags) features.Add(new RawFeature(TagsField, tag, 1f / tags.Count));
        features.Add(new(7, user?.BirthYear is { } born ? $"{born / 10 * 10}s" : Unknown));
        features.Add(new(8, user?.Gender ?? Unknown));
        features.Add(new(9, user?.Region ?? Unknown));
        features.Add(new(10, PreferredLanguage(user, song)));
        features.Add(new(11, HourBucket(context.HourOfDay)));
        features.Add(new(12, context.DayOfWeek.ToString()[..3]));
        features.Add(new(13, PartySizeBucket(context.PartySize)));
        // 1/√n, as in FISM: the pooled vector grows with how much is known, but less than linearly.
        var recent = Math.Min(recentSongs.Count, MaxRecentSongs);
        for (var i = 0; i < recent; i++) features.Add(new RawFeature(RecentSongsField, recentSongs[i], 1f / MathF.Sqrt(recent)));
        return new RawRow(label, features);
    }

    private static string PreferredLanguage(User? user, Song song) =>
        user is null || user.PreferredLanguages.Count == 0 ? Unknown
        : user.PreferredLanguages.Contains(song.Language, StringComparer.OrdinalIgnoreCase) ? "yes" : "no";

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
        <= 0 => Unknown,
        1 => "1",
        2 => "2",
        <= 4 => "3-4",
        <= 6 => "5-6",
        _ => "7+",
    };
}
