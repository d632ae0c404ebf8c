namespace KtvRec.Training.Features;

/// <summary>
/// The songs each user enjoyed, in time order: what gives a row the user's recent songs as they stood at that
/// moment, so training sees what serving will see (the songs before the request, never after).
/// </summary>
public sealed class SongHistories
{
    private readonly Dictionary<string, (DateTime[] At, string[] Songs)> _users;

    private SongHistories(Dictionary<string, (DateTime[] At, string[] Songs)> users) => _users = users;

    public static SongHistories From(IEnumerable<Interaction> interactions) => new(interactions
        .Where(i => i.Enjoyed)
        .GroupBy(i => i.UserId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g =>
        {
            var ordered = g.OrderBy(i => i.At).ToArray();
            return (ordered.Select(i => i.At).ToArray(), ordered.Select(i => i.SongId).ToArray());
        }, StringComparer.Ordinal));

    /// <summary>The user's distinct songs enjoyed strictly before <paramref name="at"/>, newest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<string> Before(string userId, DateTime at, int max = KtvFeatures.MaxRecentSongs)
    {
        if (!_users.TryGetValue(userId, out var history)) return [];
        var end = Array.BinarySearch(history.At, at);
        if (end < 0) end = ~end;
        else while (end > 0 && history.At[end - 1] == at) end--;
        var songs = new List<string>(Math.Min(max, end));
        for (var i = end - 1; i >= 0 && songs.Count < max; i--)
        {
            if (!songs.Contains(history.Songs[i])) songs.Add(history.Songs[i]);
        }
        return songs;
    }
}
