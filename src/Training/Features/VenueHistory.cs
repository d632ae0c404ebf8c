using KtvRec.Domain;
using KtvRec.Domain.Events;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;

namespace KtvRec.Training.Features;

/// <summary>
/// A venue's events as the pipeline reads them offline, per user in time order: the labeled interactions (enjoyed or
/// turned down), and the plays and completions that say what a list must leave out. What serving keeps in memory for
/// a user, read here as it stood at any moment, so the retrain, the gate and the CLI ask the pipeline what a jukebox
/// would have asked then.
/// </summary>
public sealed class VenueHistory
{
    private readonly Dictionary<string, UserTimeline> _timelines;

    private VenueHistory(VenueSnapshot venue, List<Interaction> interactions)
    {
        Songs = venue.Songs;
        Interactions = interactions;
        LastEvent = venue.Events.Count > 0 ? venue.Events.Max(e => e.OccurredAt) : null;
        Users = venue.Users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        // Per user in one pass each, never a GroupBy: it would copy every event (56 bytes) into its groupings.
        var plays = new Dictionary<string, List<Play>>(StringComparer.Ordinal);
        foreach (var e in venue.Events)
        {
            if (Listening.IsPlayed(e.Type)) ListOf(plays, e.UserId).Add(new Play(e.SongId, e.OccurredAt, e.Type == EventType.Complete));
        }
        var byUser = new Dictionary<string, List<Interaction>>(StringComparer.Ordinal);
        foreach (var interaction in interactions) ListOf(byUser, interaction.UserId).Add(interaction);
        _timelines = byUser.ToDictionary(
            pair => pair.Key,
            pair => new UserTimeline([.. pair.Value], plays.TryGetValue(pair.Key, out var played) ? [.. played.OrderBy(p => p.At)] : []),
            StringComparer.Ordinal);
    }

    private static List<T> ListOf<T>(Dictionary<string, List<T>> lists, string userId)
    {
        if (!lists.TryGetValue(userId, out var list)) lists.Add(userId, list = []);
        return list;
    }

    public static VenueHistory From(VenueSnapshot venue)
    {
        var songs = venue.Songs.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return new VenueHistory(venue, Features.Interactions.From(venue).Where(i => songs.Contains(i.SongId)).ToList());
    }

    /// <summary>The venue's catalog. The snapshot's events are not kept: a retrain lets them go once this is built.</summary>
    public IReadOnlyList<Song> Songs { get; }

    /// <summary>Every labeled interaction, in time order.</summary>
    public IReadOnlyList<Interaction> Interactions { get; }

    public IReadOnlyDictionary<string, User> Users { get; }

    /// <summary>The users with any interaction, in id order.</summary>
    public IEnumerable<string> UserIds => _timelines.Keys.Order(StringComparer.Ordinal);

    public UserTimeline? TimelineOf(string userId) => _timelines.GetValueOrDefault(userId);

    /// <summary>The newest interaction's time; null for a venue with none.</summary>
    public DateTime? End => Interactions.Count > 0 ? Interactions[^1].At : null;

    /// <summary>The oldest interaction's time; null for a venue with none.</summary>
    public DateTime? Start => Interactions.Count > 0 ? Interactions[0].At : null;

    /// <summary>
    /// The newest event's time, whether or not it made an interaction (a song sung to the end comes minutes after its
    /// interaction's start): where the data a model learned from ends, so an event after it is news to the model.
    /// </summary>
    public DateTime? LastEvent { get; }
}

/// <summary>A song started or sung to the end.</summary>
public readonly record struct Play(string SongId, DateTime At, bool Completed);

/// <summary>One user's interactions and plays, in time order.</summary>
public sealed class UserTimeline(Interaction[] interactions, Play[] plays)
{
    // The enjoyed interactions in the order serving's history keeps them: by when they were enjoyed.
    private readonly Interaction[] _enjoyed = [.. interactions.Where(i => i.Enjoyed).OrderBy(i => i.EnjoyedAt)];

    public IReadOnlyList<Interaction> Interactions => interactions;

    /// <summary>The songs enjoyed strictly before <paramref name="at"/>, newest first, once per occasion, at most <paramref name="max"/>.</summary>
    public List<string> History(DateTime at, int max)
    {
        var songs = new List<string>();
        for (var i = _enjoyed.Length - 1; i >= 0 && songs.Count < max; i--)
        {
            if (_enjoyed[i].EnjoyedAt < at) songs.Add(_enjoyed[i].SongId);
        }
        return songs;
    }

    /// <summary>The distinct songs played strictly before <paramref name="at"/>, the most recent <paramref name="max"/>.</summary>
    public HashSet<string> PlayedBefore(DateTime at, int max)
    {
        var songs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = plays.Length - 1; i >= 0 && songs.Count < max; i--)
        {
            if (plays[i].At < at) songs.Add(plays[i].SongId);
        }
        return songs;
    }

    /// <summary>The songs sung to the end from <paramref name="from"/> up to (not including) <paramref name="to"/>.</summary>
    public HashSet<string> CompletedBetween(DateTime from, DateTime to)
    {
        var songs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var play in plays)
        {
            if (play.Completed && play.At >= from && play.At < to) songs.Add(play.SongId);
        }
        return songs;
    }
}
