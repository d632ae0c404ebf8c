namespace KtvRec.Domain.Rules;

/// <summary>What a venue's rule does to a song on its lists.</summary>
public enum RuleKind
{
    /// <summary>Withdrawn or unlicensed: on no list, chart or similar-songs list.</summary>
    Block,

    /// <summary>E.g. a new release: among the songs given a share of each list's slots, in the model's order among them.</summary>
    Promote,

    /// <summary>At a fixed position of every list.</summary>
    Pin,
}

/// <summary>
/// A venue's rule about one song, for a period or until removed. Rules are never deleted: a removed one keeps its row
/// with <see cref="RemovedAt"/>, so the history stays and every node learns of the removal by its revision.
/// </summary>
public sealed class VenueRule
{
    public required string Id { get; init; }
    public RuleKind Kind { get; init; }
    public required string SongId { get; init; }

    /// <summary>For <see cref="RuleKind.Pin"/>: the list position, 1 for the first.</summary>
    public int? Position { get; init; }

    /// <summary>The rule applies from then (always when null) until <see cref="EndsAt"/> (for ever when null).</summary>
    public DateTime? StartsAt { get; init; }

    public DateTime? EndsAt { get; init; }

    /// <summary>Why, for the operators (e.g. "licence expired").</summary>
    public string? Note { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime? RemovedAt { get; set; }

    /// <summary>Rises with every change of any rule, taken under the database's write lock (so in commit order): what another node's state feed reads rules since.</summary>
    public long Revision { get; set; }

    public bool AppliesAt(DateTime at) => RemovedAt is null && (StartsAt is null || StartsAt <= at) && (EndsAt is null || at < EndsAt);
}
