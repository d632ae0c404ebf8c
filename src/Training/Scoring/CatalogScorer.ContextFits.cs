using KtvRec.Domain;
using KtvRec.Training.Features;

namespace KtvRec.Training.Scoring;

/// <summary>How much one context field's value lifts the model's probability of a song (against that field unknown).</summary>
/// <param name="Field">hour, weekday or party_size.</param>
/// <param name="Value">The field's value in this context, e.g. late or 5-6.</param>
public sealed record ContextFit(string Field, string Value, float Lift);

public sealed partial class CatalogScorer
{
    /// <summary>
    /// For each song, the context field (hour, weekday, party size) that lifts the model's probability most, when by at
    /// least <paramref name="minimumLift"/>: the score in this context against the score with that one field unknown,
    /// through the whole model. What a list can say as "a late-night favourite" or "suits a party of 5-6".
    /// </summary>
    /// <param name="side">The request's user side, prepared in <paramref name="context"/>.</param>
    /// <param name="rows">The songs, as this scorer's rows (<see cref="RowOf"/>).</param>
    /// <param name="pairs">The songs' pair fields for this user.</param>
    /// <param name="scores">The songs' scores in this context (from <see cref="Score(UserSide, IReadOnlyList{int}, IReadOnlyList{PairSignals})"/>).</param>
    public ContextFit?[] ContextFits(
        UserSide side, PlayContext context, IReadOnlyList<int> rows, IReadOnlyList<PairSignals> pairs, IReadOnlyList<float> scores, float minimumLift)
    {
        var fits = new ContextFit?[scores.Count];
        // A value the model never saw in training (no one sings here in the morning) lifts nothing.
        var fields = KtvFeatures.Context(context).Where(f => f.Token != KtvFeatures.UnknownToken && _space.Knows(f.Field, f.Token)).ToList();
        if (fields.Count == 0) return fits;
        // Per field, the same side with that one field unknown (one feature out, the unknown token in), all scored in one batch.
        var withoutField = fields.ConvertAll(field =>
        {
            var without = side.Sums.CopyRow(0);
            without.Remove(0, _space.IndexOf(field.Field, field.Token), field.Field, field.Value);
            without.Add(0, _space.IndexOf(field.Field, KtvFeatures.UnknownToken), field.Field, field.Value);
            return new UserSide(side.User, without);
        });
        var eachSide = new PairSignals[rows.Count * fields.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var f = 0; f < fields.Count; f++) eachSide[i * fields.Count + f] = pairs[i];
        }
        var baselines = Score(withoutField, rows, eachSide);
        for (var f = 0; f < fields.Count; f++)
        {
            for (var i = 0; i < scores.Count; i++)
            {
                var lift = scores[i] - baselines[f][i];
                if (lift >= minimumLift && lift > (fits[i]?.Lift ?? float.MinValue))
                    fits[i] = new ContextFit(KtvFeatures.Fields[fields[f].Field], fields[f].Token, lift);
            }
        }
        return fits;
    }
}
