using KtvRec.Domain.Rules;

namespace KtvRec.Api.Rules;

/// <summary>Where a rule put a song on a list.</summary>
internal enum Placement
{
    /// <summary>Where the list's own order put it.</summary>
    Ranked,

    /// <summary>In a promoted slot (<see cref="RuleKind.Promote"/>).</summary>
    Promoted,

    /// <summary>At its pinned position (<see cref="RuleKind.Pin"/>).</summary>
    Pinned,
}

/// <summary>
/// The venue's rules that apply at one moment, as a list uses them: songs blocked (left out like the queue), songs
/// promoted (a share of the slots), songs pinned to a position. Holds from <see cref="From"/> until <see cref="Until"/>,
/// when a rule starts or ends.
/// </summary>
internal sealed class ActiveRules
{
    private ActiveRules(DateTime from, DateTime until, IReadOnlySet<string> blocked, IReadOnlySet<string> promoted, IReadOnlyList<VenueRule> pins)
    {
        (From, Until, Blocked, Promoted, Pins) = (from, until, blocked, promoted, pins);
        Placed = new HashSet<string>(promoted.Concat(pins.Select(p => p.SongId)), StringComparer.Ordinal);
    }

    public DateTime From { get; }
    public DateTime Until { get; }
    public IReadOnlySet<string> Blocked { get; }
    public IReadOnlySet<string> Promoted { get; }

    /// <summary>By position, the earlier rule first where two pin one position.</summary>
    public IReadOnlyList<VenueRule> Pins { get; }

    /// <summary>The songs a rule places (promoted or pinned): they join a list's candidates, to be scored with the rest.</summary>
    public IReadOnlySet<string> Placed { get; }

    public static ActiveRules At(DateTime now, IEnumerable<VenueRule> rules)
    {
        var all = rules.ToList();
        var applying = all.Where(r => r.AppliesAt(now)).ToList();
        // The next moment a rule starts or ends: the snapshot is made again then.
        var until = all.Where(r => r.RemovedAt is null).SelectMany(r => new[] { r.StartsAt, r.EndsAt }).OfType<DateTime>()
            .Where(t => t > now).DefaultIfEmpty(DateTime.MaxValue).Min();
        var blocked = applying.Where(r => r.Kind == RuleKind.Block).Select(r => r.SongId).ToHashSet(StringComparer.Ordinal);
        var promoted = applying.Where(r => r.Kind == RuleKind.Promote && !blocked.Contains(r.SongId)).Select(r => r.SongId).ToHashSet(StringComparer.Ordinal);
        var pins = applying.Where(r => r.Kind == RuleKind.Pin && !blocked.Contains(r.SongId))
            .OrderBy(r => r.Position).ThenBy(r => r.Revision).DistinctBy(r => r.SongId).ToList();
        return new ActiveRules(now, until, blocked, promoted, pins);
    }

    /// <summary>
    /// A list of <paramref name="count"/> with the rules applied: each pinned song (if it may be on this list: it is among
    /// <paramref name="candidates"/>) at its position, then the promoted songs in the candidates' order (the model's)
    /// in a <paramref name="share"/> of the slots spread over the list (the first at slot ½ / share), then
    /// <paramref name="ranked"/> in its order in the slots left.
    /// </summary>
    /// <param name="ranked">The list as its own order made it.</param>
    /// <param name="candidates">Every song the list could hold, best first: where promoted and pinned songs are taken from.</param>
    public List<(T Item, Placement Placement)> Arrange<T>(
        IReadOnlyList<T> ranked, IEnumerable<T> candidates, Func<T, string> id, int count, double share)
    {
        if (Placed.Count == 0) return [.. ranked.Take(count).Select(item => (item, Placement.Ranked))];

        var slots = new (T Item, Placement Placement)?[count];
        var placeable = candidates.Where(item => Placed.Contains(id(item))).ToList();
        foreach (var pin in Pins)
        {
            var index = placeable.FindIndex(item => id(item) == pin.SongId);
            if (index >= 0 && Free(slots, pin.Position!.Value - 1) is { } slot) slots[slot] = (placeable[index], Placement.Pinned);
        }
        var pinned = Pins.Select(p => p.SongId).ToHashSet(StringComparer.Ordinal);
        var promoted = placeable.Where(item => Promoted.Contains(id(item)) && !pinned.Contains(id(item))).Take((int)Math.Round(count * share)).ToList();
        for (var k = 0; k < promoted.Count; k++)
        {
            if (Free(slots, (int)Math.Ceiling((k + 0.5) / share) - 1) is not { } slot) break;
            slots[slot] = (promoted[k], Placement.Promoted);
        }

        // A song a rule did not place (a pin past the list's end, a promotion past the share) keeps its own place.
        var placed = slots.OfType<(T Item, Placement Placement)>().Select(s => id(s.Item)).ToHashSet(StringComparer.Ordinal);
        using var order = ranked.Where(item => !placed.Contains(id(item))).GetEnumerator();
        var list = new List<(T, Placement)>(count);
        foreach (var slot in slots)
        {
            if (slot is { } taken) list.Add(taken);
            else if (order.MoveNext()) list.Add((order.Current, Placement.Ranked));
        }
        return list;
    }

    /// <summary>The first free slot from <paramref name="slot"/> on; null past the list's end.</summary>
    private static int? Free<T>((T, Placement)?[] slots, int slot)
    {
        while (slot < slots.Length && slots[slot] is not null) slot++;
        return slot < slots.Length ? slot : null;
    }
}
