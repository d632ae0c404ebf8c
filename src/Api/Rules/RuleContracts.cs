using System.ComponentModel;
using KtvRec.Api.Validation;
using KtvRec.Domain;
using KtvRec.Domain.Rules;

namespace KtvRec.Api.Rules;

/// <param name="Active">Whether it applies now (started, not ended, not removed).</param>
/// <param name="Revision">Rises with every change of any rule: a list served by a node that has read this revision follows this rule.</param>
internal sealed record RuleResponse(
    string Id, string Kind, string SongId, int? Position, DateTime? StartsAt, DateTime? EndsAt, string? Note, DateTime CreatedAt, DateTime? RemovedAt,
    bool Active, long Revision)
{
    public static RuleResponse From(VenueRule rule, DateTime now) => new(
        rule.Id, rule.Kind.ToString().ToLowerInvariant(), rule.SongId, rule.Position, rule.StartsAt, rule.EndsAt, rule.Note, rule.CreatedAt, rule.RemovedAt,
        rule.AppliesAt(now), rule.Revision);
}

/// <param name="Revision">The highest revision of the venue's rules.</param>
/// <param name="Rules">Newest change first; removed rules only when asked for.</param>
internal sealed record RuleListResponse(long Revision, IReadOnlyList<RuleResponse> Rules);

/// <summary>A new rule about one song.</summary>
/// <param name="Kind">block (on no list, chart or similar list), promote (among the songs given a share of every list's slots) or pin (at a position of every list).</param>
/// <param name="SongId">The catalog's song.</param>
/// <param name="Position">For pin: the position, 1 for the first.</param>
/// <param name="StartsAt">When the rule starts to apply; now when absent.</param>
/// <param name="EndsAt">When it stops; never when absent.</param>
/// <param name="Note">Why, for the operators (e.g. "licence expired").</param>
internal sealed record RuleRequest(
    [property: DefaultValue("promote")] string? Kind,
    [property: DefaultValue("s00042")] string? SongId,
    int? Position = null,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    [property: DefaultValue("new release")] string? Note = null)
{
    public RuleKind? ParsedKind => Kind?.ToLowerInvariant() switch
    {
        "block" => RuleKind.Block,
        "promote" => RuleKind.Promote,
        "pin" => RuleKind.Pin,
        _ => null,
    };

    public void Validate(ValidationErrors errors, int maxPosition)
    {
        if (ParsedKind is not { } kind) errors.Add("kind", $"must be block, promote or pin (got '{Kind}').");
        else if (kind == RuleKind.Pin && Position is null) errors.Add("position", "is required for a pin (1 for the first place).");
        else if (kind != RuleKind.Pin && Position is not null) errors.Add("position", "applies only to a pin; leave it out.");
        errors.CheckRange("position", Position, 1, maxPosition);
        errors.CheckId("songId", SongId);
        if (StartsAt is { } starts && starts < ValidationErrors.EarliestTime) errors.Add("startsAt", $"must be after {ValidationErrors.EarliestTime:yyyy-MM-dd}.");
        if (EndsAt is { } ends && ends <= (StartsAt ?? ValidationErrors.EarliestTime)) errors.Add("endsAt", "must be after startsAt.");
        errors.CheckText("note", Note, Limits.TitleLength);
    }
}
