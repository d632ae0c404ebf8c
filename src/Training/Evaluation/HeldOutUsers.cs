using KtvRec.Domain;
using KtvRec.Training.Features;

namespace KtvRec.Training.Evaluation;

/// <summary>
/// A user whose newest interactions were held out: the moment the first of them happened (a request made just
/// before), its context, and the songs they went on to enjoy (<see cref="Relevant"/>), and of those the ones they had
/// never played before (<see cref="RelevantNew"/>, what a discovery list is judged on).
/// </summary>
public sealed record HeldOutUser(string UserId, DateTime At, PlayContext Context, IReadOnlySet<string> Relevant, IReadOnlySet<string> RelevantNew);

/// <summary>How a retrain holds users out.</summary>
/// <param name="Fraction">The newest share of each held-out user's interactions (at least one).</param>
/// <param name="MinSongs">Users with fewer distinct enjoyed songs are never held out.</param>
/// <param name="EpochUsers">At most this many users choose the ranker's best epoch.</param>
/// <param name="WeightUsers">At most this many choose EASE's λ.</param>
/// <param name="GateUsers">At most this many are what the gate judges and every report says.</param>
public sealed record HeldOutOptions(
    double Fraction = 0.1, int MinSongs = 5, int EpochUsers = 200, int WeightUsers = 1_000, int GateUsers = 1_000, int Seed = 42);

/// <summary>
/// The users a retrain holds out, in three sets that never share a user: those that choose the ranker's epochs, those
/// that choose EASE's λ, and those the gate judges the result on (what every report
/// says). Each held-out user's newest interactions are out of everything the model learns from during selection
/// (<see cref="Known"/>); users in no set keep all theirs.
/// </summary>
public sealed class HeldOutUsers
{
    private HeldOutUsers(IReadOnlyList<Interaction> known, List<HeldOutUser> epochs, List<HeldOutUser> weights, List<HeldOutUser> gate)
    {
        Known = known;
        Epochs = epochs;
        Weights = weights;
        Gate = gate;
    }

    /// <summary>Every interaction but the held-out ones, in time order: what selection trains on.</summary>
    public IReadOnlyList<Interaction> Known { get; }

    public IReadOnlyList<HeldOutUser> Epochs { get; }
    public IReadOnlyList<HeldOutUser> Weights { get; }
    public IReadOnlyList<HeldOutUser> Gate { get; }

    /// <summary>The newest known interaction's time: the moment popularity is counted at for every held-out user.</summary>
    public DateTime End => Known.Count > 0 ? Known[^1].At : DateTime.MinValue;

    public static HeldOutUsers Split(VenueHistory venue, HeldOutOptions options)
    {
        var candidates = new List<(HeldOutUser User, Interaction[] Out)>();
        foreach (var userId in venue.UserIds)
        {
            var interactions = venue.TimelineOf(userId)!.Interactions;
            if (interactions.Where(i => i.Enjoyed).Select(i => i.SongId).Distinct().Count() < options.MinSongs) continue;
            var count = Math.Max(1, (int)Math.Round(interactions.Count * options.Fraction));
            var newest = interactions.Skip(interactions.Count - count).ToArray();
            var at = newest[0].At;
            var relevant = newest.Where(i => i.Enjoyed).Select(i => i.SongId).ToHashSet(StringComparer.Ordinal);
            if (relevant.Count == 0) continue;
            var played = venue.TimelineOf(userId)!.PlayedBefore(at, int.MaxValue);
            played.UnionWith(interactions.Where(i => i.At < at).Select(i => i.SongId));
            var fresh = relevant.Where(song => !played.Contains(song)).ToHashSet(StringComparer.Ordinal);
            candidates.Add((new HeldOutUser(userId, at, newest[0].Context, relevant, fresh), newest));
        }

        var random = new Random(options.Seed);
        var shuffled = candidates.ToArray();
        random.Shuffle(shuffled);
        // Proportions for a small venue (two fifths each to the gate and the weights, a fifth to the epochs); the caps for a large one.
        var gate = Math.Min(options.GateUsers, (int)Math.Ceiling(shuffled.Length * 0.4));
        var weights = Math.Min(options.WeightUsers, (int)Math.Ceiling(shuffled.Length * 0.4));
        var epochs = Math.Min(options.EpochUsers, shuffled.Length - Math.Min(shuffled.Length, gate + weights));
        List<HeldOutUser> Take(int skip, int take) =>
            shuffled.Skip(skip).Take(Math.Max(0, take)).Select(c => c.User).OrderBy(u => u.UserId, StringComparer.Ordinal).ToList();
        var held = shuffled.Take(gate + weights + epochs).SelectMany(c => c.Out).ToHashSet();
        return new HeldOutUsers(
            venue.Interactions.Where(i => !held.Contains(i)).ToList(),
            Take(gate + weights, epochs), Take(gate, weights), Take(0, gate));
    }
}
