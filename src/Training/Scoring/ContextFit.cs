namespace KtvRec.Training.Scoring;

/// <summary>How much one context field's value lifts the model's probability of a song (against that field unknown).</summary>
/// <param name="Field">hour, weekday or party_size.</param>
/// <param name="Value">The field's value in this context, e.g. late or 5-6.</param>
public sealed record ContextFit(string Field, string Value, float Lift);
