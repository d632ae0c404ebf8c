using KtvRec.Domain.Rules;

namespace KtvRec.Api.Rules;

/// <summary>
/// The venue's rules in memory, as every list reads them: filled at start-up and kept up to date by the state feed
/// (another node's changes, by revision) and by this node's own changes at once. A request reads a snapshot of the
/// rules that apply now, made again only when a rule changes or one starts or ends.
/// </summary>
internal sealed class RuleBook(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, VenueRule> _rules = new(StringComparer.Ordinal);
    private ActiveRules? _active;

    /// <summary>Rules added, changed or removed (a removed one keeps its row): each replaces what was held by its id.</summary>
    public void Apply(IEnumerable<VenueRule> rules)
    {
        lock (_lock)
        {
            foreach (var rule in rules)
            {
                if (_rules.TryGetValue(rule.Id, out var held) && held.Revision >= rule.Revision) continue;
                _rules[rule.Id] = rule;
                _active = null;
            }
        }
    }

    /// <summary>The rules that apply now.</summary>
    public ActiveRules Active()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var active = Volatile.Read(ref _active);
        if (active is not null && now >= active.From && now < active.Until) return active;
        lock (_lock)
        {
            active = ActiveRules.At(now, _rules.Values);
            _active = active;
            return active;
        }
    }

    /// <summary>Every rule held, removed ones too, newest first.</summary>
    public List<VenueRule> All()
    {
        lock (_lock) return [.. _rules.Values.OrderByDescending(r => r.Revision)];
    }
}
