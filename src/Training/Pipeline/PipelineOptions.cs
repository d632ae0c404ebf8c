namespace KtvRec.Training.Pipeline;

/// <summary>
/// How a list is made, the same wherever it is made: serving (the service's <c>KtvRec:Recommendations</c> options start
/// from <see cref="Defaults"/>), the retrain's selection and gate, and the CLI.
/// </summary>
public sealed record PipelineOptions
{
    public static PipelineOptions Defaults { get; } = new();

    /// <summary>How many songs the ranker scores per list, from every candidate source (<see cref="Retrieval.CandidateBudget"/>).</summary>
    public int CandidateCount { get; init; } = 300;

    /// <summary>Variety: at most this many songs by one artist in any <see cref="ArtistWindow"/> consecutive songs of a list.</summary>
    public int MaxPerArtist { get; init; } = 2;

    /// <summary>The stretch of consecutive songs <see cref="MaxPerArtist"/> applies to (10: at most 2 of any 10 by one artist).</summary>
    public int ArtistWindow { get; init; } = 10;

    /// <summary>Songs a user completed this recently are not recommended to them again.</summary>
    public int RecentlySungHours { get; init; } = 6;

    /// <summary>How far back enjoying a song counts towards its popularity.</summary>
    public int PopularityWindowDays { get; init; } = 30;
}
