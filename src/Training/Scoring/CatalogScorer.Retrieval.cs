using System.Numerics.Tensors;
using KtvRec.Domain.Users;
using KtvRec.Training.Features;

namespace KtvRec.Training.Scoring;

/// <summary>The model's own retrieval over the whole catalog (<see cref="CatalogRetrieval"/>), for a user or a room.</summary>
public sealed partial class CatalogScorer
{
    /// <summary>The rows of the <paramref name="count"/> songs the model's FM part scores highest for this user side, best first.</summary>
    public int[] Top(UserSide side, int count) => Top(side.Sums.Sum(0), side.User, count);

    /// <summary>
    /// For a room: the rows of the <paramref name="count"/> songs the model's FM part scores highest on average over the
    /// members' sides, in one pass over the catalog (the FM pair is linear in the user side, so the average of the
    /// members' scores is the score of their mean vector; the preferred-language field is taken as unknown).
    /// </summary>
    public int[] Top(IReadOnlyList<UserSide> sides, int count)
    {
        if (sides.Count == 0) return [];
        var mean = new float[sides[0].Sums.Dimension];
        foreach (var side in sides) TensorPrimitives.Add(mean, side.Sums.Sum(0), mean);
        TensorPrimitives.Multiply(mean, 1f / sides.Count, mean);
        return Top(mean, null, count);
    }

    private int[] Top(ReadOnlySpan<float> user, User? profile, int count)
    {
        if (count <= 0 || _songIds.Length == 0) return [];
        // What the token adds besides its pair with the song: its own weight and its pair with the user side.
        var tokens = new float[KtvFeatures.PreferredLanguageTokens.Count];
        for (var t = 0; t < tokens.Length; t++) tokens[t] = _preferred.Linear[t] + TensorPrimitives.Dot(user, _preferred.Sum(t));
        return _retrieval.Top(user, tokens, PreferredTokens(profile), count);
    }
}
