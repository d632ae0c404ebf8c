namespace KtvRec.Training.Pipeline;

/// <summary>
/// The rows of a served model's catalog a filter keeps (a jukebox's tab: one language, the 90s): a test per row for
/// every source, and the rows themselves, most popular first, which the popular source walks instead of the whole
/// catalog (a tab of 1 % of 200,000 songs is 2,000 rows, not 200,000 tests).
/// </summary>
/// <param name="Popular">The kept rows in the venue's popularity order, read only as far as a list needs.</param>
public sealed record RowFilter(Func<int, bool> Contains, IEnumerable<int> Popular);
