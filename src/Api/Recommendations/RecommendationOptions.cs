using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.Recommendations;

/// <summary>Settings under <c>KtvRec:Recommendations</c>.</summary>
public sealed class RecommendationOptions
{
    public const string Section = "KtvRec:Recommendations";

    /// <summary>How far back events count towards a song's popularity.</summary>
    [Range(1, 3650)]
    public int PopularityWindowDays { get; set; } = 30;

    /// <summary>Songs a user completed this recently are not recommended to them again.</summary>
    [Range(0, 24 * 30)]
    public int RecentlySungHours { get; set; } = 6;

    /// <summary>How long a computed popularity ranking is reused; after that the next request gets it still and a new one is computed in the background. 0: computed for every request.</summary>
    [Range(0, 3600)]
    public int PopularityCacheSeconds { get; set; } = 30;

    [Range(1, 500)]
    public int MaxCount { get; set; } = 100;

    /// <summary>
    /// How many songs the model scores per request: the catalog when it is smaller, else the most popular songs
    /// overall and in the user's (or room's) languages. Keeps latency flat as the catalog grows.
    /// </summary>
    [Range(10, 100_000)]
    public int CandidateCount { get; set; } = 500;

    /// <summary>
    /// How many (member, song) pairs the model scores for a room's list: every member is scored over the whole pool, so
    /// the pool is this divided by the members (at least 100 songs, at most <see cref="CandidateCount"/>), and a room
    /// costs about the same whatever its size. By the simulator's oracle on the demo venue (120 of its parties of three
    /// or four), 1,000, 800, 600 and 400 put 2.76, 2.78, 2.81 and 2.79 of a room's 20 best songs on its list (the songs'
    /// mean true probability 0.560, 0.558, 0.556, 0.552); with members' candidates from their 10 most recent songs, 800
    /// and 600 put 2.77 and 2.81 (0.558, 0.557): scoring is most of a room's cost, and beyond this little changes.
    /// </summary>
    [Range(10, 1_000_000)]
    public int RoomScoredPairs { get; set; } = 600;

    /// <summary>Variety: at most this many songs by one artist in any <see cref="ArtistWindow"/> consecutive songs of a list.</summary>
    [Range(1, 100)]
    public int MaxPerArtist { get; set; } = 2;

    /// <summary>The stretch of consecutive songs <see cref="MaxPerArtist"/> applies to (10: at most 2 of any 10 by one artist).</summary>
    [Range(1, 100)]
    public int ArtistWindow { get; set; } = 10;

    /// <summary>
    /// A song's reasons say it fits the context ("a late-night favourite", "suits a party of 5-6") when the model's
    /// probability of it in this context exceeds its probability with that hour, weekday or party size unknown by at
    /// least this much (0.05: five points).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinContextLift { get; set; } = 0.05;

    /// <summary>
    /// A room's list leaves behind a song that falls below this percentile of any member's candidates (0.1: their
    /// bottom tenth). By the simulator's oracle, 0.2 cost the rooms' lists a few of their best songs and 0.1 none.
    /// </summary>
    [Range(0.0, 1.0)]
    public double GroupMisery { get; set; } = 0.1;

    /// <summary>A song on a room's list suits the members for whom it is at least this percentile of their candidates (0.75: their top quarter).</summary>
    [Range(0.0, 1.0)]
    public double GroupSuits { get; set; } = 0.75;
}
