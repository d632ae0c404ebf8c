using System.Globalization;
using System.Text;
using KtvRec.Domain.Events;

namespace KtvRec.Bench.Datasets;

/// <summary>A song as the catalog import sends it.</summary>
public sealed record DatasetSong(string Id, string Title, string Artist, string Language, string Genre, int? ReleaseYear, IReadOnlyList<string> Tags);

/// <summary>A user's profile as PUT /users/{id} sends it.</summary>
public sealed record DatasetUser(string Id, int? BirthYear, string? Gender, string? Region);

/// <summary>One event as the jukebox sends it.</summary>
public sealed record DatasetEvent(string EventId, EventType Type, string UserId, string SongId, DateTimeOffset At, double? Progress);

/// <summary>
/// A public dataset as a jukebox would send it, split as its protocol splits it: the catalog, the profiles, the events
/// of the training part (every rating or play becomes a play, then a complete when it was enjoyed, else an early skip),
/// and per held-out user the songs they went on to enjoy.
/// </summary>
public sealed record PublicDataset(
    string Name, string Split, IReadOnlyList<DatasetSong> Songs, IReadOnlyList<DatasetUser> Users, IReadOnlyList<DatasetEvent> Events,
    IReadOnlyDictionary<string, HashSet<string>> HeldOut)
{
    private const int Seed = 42;
    private const double HeldOutShare = 0.2;

    /// <summary>
    /// Last.fm HetRec 2011 (user_artists.dat, artists.dat): each user–artist pair one song sung to the end, at a time
    /// drawn in the 30 days before <paramref name="end"/>; a random 20 % of each user's artists (users with five or
    /// more) held out.
    /// </summary>
    public static PublicDataset LastFm(string directory, DateTimeOffset end)
    {
        var names = File.ReadLines(Path.Combine(directory, "artists.dat")).Skip(1).Select(l => l.Split('\t'))
            .ToDictionary(p => p[0], p => Clean(p[1], p[0]));
        var pairs = File.ReadLines(Path.Combine(directory, "user_artists.dat")).Skip(1).Select(l => l.Split('\t'))
            .Select(p => (User: $"u{p[0]}", Song: $"a{p[1]}")).ToList();
        var random = new Random(Seed);
        var heldOut = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var user in pairs.GroupBy(p => p.User).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var songs = user.Select(p => p.Song).Distinct().Order(StringComparer.Ordinal).ToArray();
            if (songs.Length < 5) continue;
            random.Shuffle(songs);
            heldOut[user.Key] = songs.Take((int)Math.Round(songs.Length * HeldOutShare)).ToHashSet(StringComparer.Ordinal);
        }
        var times = new Random(Seed + 1);
        var events = pairs.Where(p => heldOut.GetValueOrDefault(p.User)?.Contains(p.Song) != true)
            .SelectMany(p => Sung(p.User, p.Song, end.AddMinutes(-times.Next(30 * 24 * 60)), enjoyed: true)).ToList();
        var songsOut = names.Select(n => new DatasetSong($"a{n.Key}", n.Value, n.Value, "?", "?", null, [])).ToList();
        return new PublicDataset("lastfm", "random 20 % of each user's artists", songsOut, [], events, heldOut);
    }

    /// <summary>
    /// MovieLens 100K (u.data, u.item, u.user): a rating of 4 or 5 a film enjoyed (sung to the end), lower ones turned
    /// down (skipped early), at their own times moved so the newest is an hour before <paramref name="end"/>; profiles
    /// (birth year from age, gender, the zip code's first digit as region) and genres (the first as genre, all as tags,
    /// the release year); each user's newest 20 % of ratings held out, those rated 4 or 5 what they went on to enjoy.
    /// </summary>
    public static PublicDataset MovieLens(string directory, DateTimeOffset end)
    {
        var ratings = File.ReadLines(Path.Combine(directory, "u.data")).Select((l, line) => (Fields: l.Split('\t'), Line: line))
            .Select(r => (User: $"u{r.Fields[0]}", Song: $"m{r.Fields[1]}", Rating: int.Parse(r.Fields[2], CultureInfo.InvariantCulture),
                At: DateTimeOffset.FromUnixTimeSeconds(long.Parse(r.Fields[3], CultureInfo.InvariantCulture)), r.Line)).ToList();
        var shift = end.AddHours(-1) - ratings.Max(r => r.At);
        var genres = File.ReadLines(Path.Combine(directory, "u.genre")).Where(l => l.Contains('|')).Select(l => l.Split('|'))
            .ToDictionary(p => int.Parse(p[1], CultureInfo.InvariantCulture), p => p[0]);
        var songs = File.ReadLines(Path.Combine(directory, "u.item"), Encoding.Latin1).Select(l => l.Split('|')).Select(p =>
        {
            var tags = Enumerable.Range(0, 19).Where(g => p[5 + g] == "1").Select(g => genres[g]).ToList();
            int? year = p[2].Length >= 4 && int.TryParse(p[2][^4..], out var y) ? y : null;
            return new DatasetSong($"m{p[0]}", Clean(p[1], p[0]), $"film {p[0]}", "English", tags.FirstOrDefault() ?? "unknown", year, tags);
        }).ToList();
        var users = File.ReadLines(Path.Combine(directory, "u.user")).Select(l => l.Split('|')).Where(p => p[0] != "0")
            .Select(p => new DatasetUser($"u{p[0]}", 1998 - int.Parse(p[1], CultureInfo.InvariantCulture), p[2] == "M" ? "male" : "female",
                p[4].Length > 0 && char.IsDigit(p[4][0]) ? $"zip {p[4][0]}" : null)).ToList();

        var heldOut = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var training = new List<DatasetEvent>();
        foreach (var user in ratings.GroupBy(r => r.User).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = user.OrderBy(r => r.At).ThenBy(r => r.Line).ToList();
            var cut = ordered.Count - (int)Math.Round(ordered.Count * HeldOutShare);
            var relevant = ordered.Skip(cut).Where(r => r.Rating >= 4).Select(r => r.Song).ToHashSet(StringComparer.Ordinal);
            if (relevant.Count > 0) heldOut[user.Key] = relevant;
            training.AddRange(ordered.Take(cut).SelectMany(r => Sung(r.User, r.Song, r.At + shift, enjoyed: r.Rating >= 4)));
        }
        return new PublicDataset("movielens", "each user's newest 20 % of ratings", songs, users, training, heldOut);
    }

    /// <summary>A song started, then sung to the end or skipped early: what a jukebox sends, with ids that make a resend harmless.</summary>
    private static IEnumerable<DatasetEvent> Sung(string user, string song, DateTimeOffset at, bool enjoyed)
    {
        yield return new DatasetEvent($"{user}-{song}-p", EventType.Play, user, song, at, null);
        yield return enjoyed
            ? new DatasetEvent($"{user}-{song}-c", EventType.Complete, user, song, at, null)
            : new DatasetEvent($"{user}-{song}-s", EventType.Skip, user, song, at, 0.3);
    }

    /// <summary>A name as a catalog would send it: trimmed, cut to the title's length, never empty.</summary>
    private static string Clean(string name, string id)
    {
        var trimmed = name.Trim();
        return trimmed.Length == 0 ? $"#{id}" : trimmed.Length > 256 ? trimmed[..256].TrimEnd() : trimmed;
    }
}
