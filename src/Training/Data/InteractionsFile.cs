using System.Globalization;
using KtvRec.Domain;
using KtvRec.Domain.Events;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;

namespace KtvRec.Training.Data;

/// <summary>One line of an interactions file: a user enjoyed an item, perhaps at a time, perhaps with a strength.</summary>
public sealed record InteractionRecord(string User, string Item, DateTime? At, double Weight);

/// <summary>
/// Interaction files anyone can export: CSV with a header naming <c>user</c>, <c>item</c> and optionally
/// <c>timestamp</c> (Unix seconds or ISO 8601 with an offset) and <c>weight</c> (a rating or a play count; 1 without).
/// </summary>
public static class InteractionsFile
{
    public static List<InteractionRecord> Read(string path)
    {
        using var reader = File.OpenText(path);
        using var records = CsvDatasetReader.Records(reader, path).GetEnumerator();
        if (!records.MoveNext()) throw new DataFormatException(path, 1, "the file is empty; expected a header row naming user,item[,timestamp][,weight].");
        var header = records.Current.Fields;
        var user = Column(header, "user", path, required: true);
        var item = Column(header, "item", path, required: true);
        var timestamp = Column(header, "timestamp", path, required: false);
        var weight = Column(header, "weight", path, required: false);

        var rows = new List<InteractionRecord>();
        while (records.MoveNext())
        {
            var (line, fields) = (records.Current.LineNumber, records.Current.Fields);
            if (fields.Count != header.Count)
                throw new DataFormatException(path, line, $"the row has {fields.Count} columns, the header {header.Count}.");
            if (fields[user].Length == 0 || fields[item].Length == 0)
                throw new DataFormatException(path, line, "user and item must not be empty.");
            rows.Add(new InteractionRecord(
                fields[user], fields[item],
                timestamp < 0 ? null : ParseTime(fields[timestamp], path, line),
                weight < 0 ? 1 : ParseWeight(fields[weight], path, line)));
        }
        return rows;
    }

    /// <summary>
    /// The interactions as a venue: one song per item (no side information), one user per user, one <c>complete</c>
    /// event per row with at least <paramref name="minWeight"/>. Rows without a time get one drawn in the 30 days
    /// before <paramref name="end"/>, seeded, so a rerun is the same venue. The catalog is every item of
    /// <paramref name="catalogOf"/> (by default the rows'), as a venue's catalog holds songs nobody sang yet.
    /// </summary>
    public static VenueSnapshot ToVenue(
        IReadOnlyList<InteractionRecord> rows, double minWeight, DateTime end, int seed, IReadOnlyList<InteractionRecord>? catalogOf = null)
    {
        var random = new Random(seed);
        var kept = rows.Where(r => r.Weight >= minWeight).ToList();
        var users = kept.Select(r => r.User).Distinct().Select(id => new User { Id = id }).ToList();
        var songs = (catalogOf ?? kept).Select(r => r.Item).Distinct()
            .Select(id => new Song { Id = id, Title = id, Artist = id, Language = "?", Genre = "?" }).ToList();
        var events = kept.Select(r => new VenueEvent(EventType.Complete, r.User, r.Item, null, r.At ?? end.AddMinutes(-random.Next(30 * 24 * 60)))).ToList();
        return new VenueSnapshot(users, songs, [], events);
    }

    /// <summary>
    /// A seeded random <paramref name="fraction"/> of each user's distinct items (at least one, for users with
    /// <paramref name="minItems"/> or more) held out: the usual protocol for implicit feedback without meaningful time.
    /// </summary>
    public static (List<InteractionRecord> Kept, Dictionary<string, HashSet<string>> HeldOut) Holdout(
        IReadOnlyList<InteractionRecord> rows, double fraction, int seed, int minItems = 5)
    {
        var random = new Random(seed);
        var heldOut = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var user in rows.GroupBy(r => r.User, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = user.Select(r => r.Item).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (items.Length < minItems) continue;
            random.Shuffle(items);
            heldOut[user.Key] = items.Take(Math.Max(1, (int)Math.Round(items.Length * fraction))).ToHashSet(StringComparer.Ordinal);
        }
        return (rows.Where(r => heldOut.GetValueOrDefault(r.User)?.Contains(r.Item) != true).ToList(), heldOut);
    }

    private static int Column(IReadOnlyList<string> header, string name, string path, bool required)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return required ? throw new DataFormatException(path, 1, $"the header has no '{name}' column; expected user,item[,timestamp][,weight].") : -1;
    }

    private static DateTime ParseTime(string text, string path, int line)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds is >= 0 and <= MaxUnixSeconds
                ? DateTime.UnixEpoch.AddSeconds(seconds)
                : throw new DataFormatException(path, line, $"the timestamp {text} is outside 0..{MaxUnixSeconds} Unix seconds.");
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && HasOffset(text))
            return at.UtcDateTime;
        throw new DataFormatException(path, line, $"the timestamp '{text}' is neither Unix seconds nor ISO 8601 with an offset.");
    }

    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>A date alone is a UTC day; a time of day needs its offset, as everywhere in the service.</summary>
    private static bool HasOffset(string text) =>
        !text.Contains('T') || text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T');

    private static double ParseWeight(string text, string path, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) && double.IsFinite(weight)
            ? weight
            : throw new DataFormatException(path, line, $"the weight '{text}' is not a number.");
}
