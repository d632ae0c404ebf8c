namespace KtvRec.Api.Charts;

/// <summary>A chart's span: the last day, week or month up to now, against the one before it.</summary>
internal enum ChartPeriod
{
    Day,
    Week,
    Month,
}

/// <param name="Rank">1 for the most sung.</param>
/// <param name="Singers">How many people enjoyed the song in the period (sang it to the end, liked it, scored it high): what popularity counts.</param>
/// <param name="PreviousRank">Its place on the same chart (same filters) in the period before; null when it was not on it.</param>
/// <param name="Movement">Places gained since the period before (negative: lost); null for a new entry.</param>
/// <param name="Trend">up, down, same or new.</param>
internal sealed record ChartEntry(
    int Rank, string SongId, string Title, string Artist, string Language, string Genre, int? ReleaseYear, double Singers,
    int? PreviousRank, int? Movement, string Trend);

/// <param name="Period">day, week or month.</param>
/// <param name="From">The period's start (UTC): the chart counts from here up to <paramref name="To"/>.</param>
/// <param name="To">The period's end: when the counts were taken.</param>
/// <param name="MatchingSongs">With a filter: how many songs of the catalog match it (sung in the period or not); null without one.</param>
/// <param name="Items">The most sung first; only songs sung in the period.</param>
internal sealed record ChartResponse(string Period, DateTime From, DateTime To, IReadOnlyList<ChartEntry> Items, int? MatchingSongs = null);
