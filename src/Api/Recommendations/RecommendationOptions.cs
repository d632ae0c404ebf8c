using System.ComponentModel.DataAnnotations;
using KtvRec.Training.Pipeline;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// Settings under <c>KtvRec:Recommendations</c>. How a list is made starts from the pipeline's own defaults
/// (<see cref="PipelineOptions.Defaults"/>), and the retrain's selection and gate make their lists with these same
/// settings (<see cref="ToPipeline"/>), so what is judged is what is served.
/// </summary>
internal sealed class RecommendationOptions
{
    private static PipelineOptions Defaults => PipelineOptions.Defaults;

    public const string Section = "KtvRec:Recommendations";

    /// <summary>How far back enjoying a song counts towards its popularity.</summary>
    [Range(1, 3650)]
    public int PopularityWindowDays { get; set; } = Defaults.PopularityWindowDays;

    /// <summary>Songs a user completed this recently are not recommended to them again.</summary>
    [Range(0, 24 * 30)]
    public int RecentlySungHours { get; set; } = Defaults.RecentlySungHours;

    /// <summary>How long a computed popularity ranking is reused; after that the next request gets it still and a new one is computed in the background. 0: computed for every request.</summary>
    [Range(0, 3600)]
    public int PopularityCacheSeconds { get; set; } = 30;

    [Range(1, 500)]
    public int MaxCount { get; set; } = 100;

    /// <summary>The share of a list's slots given to the songs the venue promotes (<c>POST /admin/rules</c>), when that many are promoted; 0 turns promotion off.</summary>
    [Range(0.0, 1.0)]
    public double PromotedShare { get; set; } = 0.2;

    /// <summary>
    /// How many songs the ranker scores per list, from every candidate source: the user's own songs, the songs EASE's
    /// weights and the walk lead to from theirs, and popular songs overall and in their (or their room's) languages.
    /// </summary>
    [Range(10, 100_000)]
    public int CandidateCount { get; set; } = Defaults.CandidateCount;

    /// <summary>
    /// How many (member, song) pairs the model scores for a room's list: every member is scored over the whole pool, so
    /// the pool is this divided by the members (at least 100 songs, at most <see cref="CandidateCount"/>), and a room
    /// costs about the same whatever its size.
    /// </summary>
    [Range(10, 1_000_000)]
    public int RoomScoredPairs { get; set; } = 600;

    /// <summary>
    /// Rooms whose candidates and pair fields are kept for their next request (about 30 KB each at four members): a
    /// jukebox polls its room's list, and a kept room's list only scores them again in the request's context. 0 keeps none.
    /// </summary>
    [Range(0, 1_000_000)]
    public int RoomsKept { get; set; } = 1_000;

    /// <summary>Variety: at most this many songs by one artist in any <see cref="ArtistWindow"/> consecutive songs of a list.</summary>
    [Range(1, 100)]
    public int MaxPerArtist { get; set; } = Defaults.MaxPerArtist;

    /// <summary>The stretch of consecutive songs <see cref="MaxPerArtist"/> applies to (10: at most 2 of any 10 by one artist).</summary>
    [Range(1, 100)]
    public int ArtistWindow { get; set; } = Defaults.ArtistWindow;

    /// <summary>
    /// A song's reasons say it fits the context ("a late-night favourite", "suits a party of 5-6") when the model's
    /// probability of it in this context exceeds its probability with that hour, weekday or party size unknown by at
    /// least this much (0.05: five points).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinContextLift { get; set; } = 0.05;

    /// <summary>A room's list leaves behind a song that falls below this percentile of any member's candidates (0.1: their bottom tenth).</summary>
    [Range(0.0, 1.0)]
    public double GroupMisery { get; set; } = 0.1;

    /// <summary>A song on a room's list suits the members for whom it is at least this percentile of their candidates (0.75: their top quarter).</summary>
    [Range(0.0, 1.0)]
    public double GroupSuits { get; set; } = 0.75;

    public PipelineOptions ToPipeline() => new()
    {
        CandidateCount = CandidateCount,
        MaxPerArtist = MaxPerArtist,
        ArtistWindow = ArtistWindow,
        RecentlySungHours = RecentlySungHours,
        PopularityWindowDays = PopularityWindowDays,
    };
}
