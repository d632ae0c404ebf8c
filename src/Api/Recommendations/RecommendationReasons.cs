using System.Text.Json.Serialization;
using KtvRec.Api.Rules;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Scoring;

namespace KtvRec.Api.Recommendations;

/// <summary>The kinds of <see cref="RecommendationReason"/>: what put a song on a list.</summary>
internal static class ReasonKinds
{
    /// <summary>The user (or, on a room's list, the member named) sang it before.</summary>
    public const string SungBefore = "sung_before";

    /// <summary>Enjoyed by the same people as a song the user, a member or the room sang (<see cref="RecommendationReason.SongId"/>).</summary>
    public const string SimilarTo = "similar_to";

    /// <summary>Among the venue's most sung in the popularity window.</summary>
    public const string Popular = "popular";

    /// <summary>Among the venue's most sung in a language the user or room prefers or sings (<see cref="RecommendationReason.Language"/>).</summary>
    public const string PopularInLanguage = "popular_in_language";

    /// <summary>Nobody sang it at the venue in the popularity window: a list of a young venue fills up with these.</summary>
    public const string NotSungYet = "not_sung_yet";

    /// <summary>The room has sung this artist tonight (<see cref="RecommendationReason.Artist"/>).</summary>
    public const string RoomArtist = "room_artist";

    /// <summary>The model's pair of this context (the hour, weekday or party size) with the song lifts it (<see cref="RecommendationReason.Context"/>).</summary>
    public const string FitsContext = "fits_context";

    /// <summary>The venue promotes it (a rule): it has one of the list's promoted slots.</summary>
    public const string Promoted = "promoted";

    /// <summary>The venue pinned it to this position (a rule).</summary>
    public const string Pinned = "pinned";
}

/// <summary>Why a song is on a list, from data the service has: machine-readable, with a short sentence for the screen.</summary>
/// <param name="Kind">sung_before, similar_to, popular, popular_in_language, not_sung_yet, room_artist, fits_context, promoted or pinned.</param>
/// <param name="Text">The sentence for the screen, e.g. "Because you sang Song 12".</param>
/// <param name="SongId">similar_to: the song it is like.</param>
/// <param name="SongTitle">similar_to: that song's title.</param>
/// <param name="Language">popular_in_language: the language.</param>
/// <param name="Artist">room_artist: the artist.</param>
/// <param name="Context">fits_context: the field and its value, e.g. "hour=late" or "party_size=5-6".</param>
/// <param name="MemberId">On a room's list: the member who sang the song (sung_before), or sang the song it is like (similar_to).</param>
/// <remarks>Only the fields a kind names are written: the others are left out of the JSON rather than sent as null.</remarks>
internal sealed record RecommendationReason(
    string Kind, string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SongId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SongTitle = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Language = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Artist = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Context = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MemberId = null);

/// <summary>
/// Writes the reasons of one list's songs: first what put the song among the candidates (its
/// <see cref="CandidateSource"/>, or popularity when no model serves), then whether the room has sung its artist
/// tonight, then the context field the model finds it fits (<see cref="CatalogScorer.ContextFits"/>).
/// </summary>
/// <param name="languages">The languages that matter for this list (the user's, the room's).</param>
/// <param name="roomArtists">The artists the room has sung tonight.</param>
internal sealed class RecommendationReasons(RankedCatalog catalog, IReadOnlySet<string> languages, IReadOnlySet<string> roomArtists, int windowDays)
{
    /// <param name="candidate">What put the song on the list; null for a list ranked by popularity alone.</param>
    /// <param name="rows">The catalog the candidate's rows are of.</param>
    /// <param name="from">Whose songs the candidate came from: the user's own list's (null), a member's, or the room's tonight.</param>
    /// <param name="placement">Where a venue's rule put it, if one did: said first.</param>
    public List<RecommendationReason> For(
        RankedSong song, Candidate? candidate, CatalogRows? rows, ContextFit? fit, ReasonSubject? from = null, Placement placement = Placement.Ranked)
    {
        var reasons = new List<RecommendationReason>(4);
        if (placement == Placement.Promoted) reasons.Add(new(ReasonKinds.Promoted, "Featured by the venue"));
        if (placement == Placement.Pinned) reasons.Add(new(ReasonKinds.Pinned, "The venue's pick"));
        reasons.Add(Source(song, candidate, rows, from ?? ReasonSubject.You));
        if (roomArtists.Contains(song.Song.Artist))
            reasons.Add(new(ReasonKinds.RoomArtist, $"The room has been singing {song.Song.Artist}", Artist: song.Song.Artist));
        if (fit is not null) reasons.Add(new(ReasonKinds.FitsContext, ContextText(fit), Context: $"{fit.Field}={fit.Value}"));
        return reasons;
    }

    private RecommendationReason Source(RankedSong song, Candidate? candidate, CatalogRows? rows, ReasonSubject from)
    {
        switch (candidate?.Source)
        {
            case CandidateSource.History:
                return new(ReasonKinds.SungBefore, $"{from.Capitalized} sang this before", MemberId: from.MemberId);
            case CandidateSource.SimilarSongs or CandidateSource.SungTogether when rows is not null && candidate.Value.BecauseOf >= 0:
                var like = rows.Ids[candidate.Value.BecauseOf];
                var title = catalog.Find(like)?.Song.Title ?? like;
                return new(ReasonKinds.SimilarTo, $"Because {from.Name} sang {title}", SongId: like, SongTitle: title, MemberId: from.MemberId);
            default:
                return Popularity(song);
        }
    }

    private RecommendationReason Popularity(RankedSong song)
    {
        var window = windowDays == 1 ? "today" : $"in the last {windowDays} days";
        if (song.Score <= 0) return new(ReasonKinds.NotSungYet, $"New here: nobody has sung it {window}");
        var language = song.Song.Language;
        return languages.Contains(language)
            ? new(ReasonKinds.PopularInLanguage, $"Popular in {language} here {window}", Language: language)
            : new(ReasonKinds.Popular, $"Popular here {window}");
    }

    private static string ContextText(ContextFit fit) => (fit.Field, fit.Value) switch
    {
        ("hour", "late") => "A late-night favourite",
        ("hour", "night") => "A small-hours favourite",
        ("hour", "morning") => "A morning favourite",
        ("hour", var bucket) => $"An {bucket} favourite",
        ("weekday", var day) => $"A {Enum.GetNames<DayOfWeek>().First(d => d.StartsWith(day, StringComparison.Ordinal))} favourite",
        ("party_size", "1") => "Suits singing alone",
        ("party_size", "2") => "Suits a duet",
        ("party_size", "7+") => "Suits a big party",
        (_, var size) => $"Suits a party of {size}",
    };
}

/// <summary>Whose songs a candidate came from, as a reason names them.</summary>
internal sealed record ReasonSubject(string Name, string? MemberId)
{
    public static ReasonSubject You { get; } = new("you", null);
    public static ReasonSubject Room { get; } = new("the room", null);

    public static ReasonSubject Member(string userId) => new(userId, userId);

    /// <summary>The name to begin a sentence with (an id stays as it is).</summary>
    public string Capitalized => MemberId is null ? char.ToUpperInvariant(Name[0]) + Name[1..] : Name;
}
