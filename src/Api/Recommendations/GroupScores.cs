using KtvRec.Training.Retrieval;

namespace KtvRec.Api.Recommendations;

/// <summary>How a room's list combines its members' scores.</summary>
internal static class GroupStrategies
{
    /// <summary>
    /// The average without misery (Masthoff 2004): songs any member would strongly dislike are left behind, the rest
    /// ordered by the members' average, with every member suited by one of the first songs.
    /// </summary>
    public const string AverageWithoutMisery = "average_without_misery";
}

/// <summary>
/// Members' scores of the same candidates combined into one order for the room, by the average without misery. The
/// order is the members' average probability: the share of the room expected to enjoy the song. Who a song suits and
/// what a member would hate are read from each member's percentiles among the candidates (1 for their best, 0 for
/// their worst), so they are relative to that member's own taste: a regular's probabilities run high everywhere and a
/// stranger's low. A song below <c>misery</c> for any member comes after every other. A song suits the members for
/// whom it is at least <c>suits</c> (best suited first), and always the member it suits best; the order (<see cref="Ranked"/>)
/// makes sure every member is suited by one of its first songs.
/// </summary>
/// <remarks>
/// The order is the average probability's, not the average percentile's: by the simulator's oracle the percentiles'
/// flattening threw away how much a song suits and put fewer of a room's best songs on its list (docs/api.md has the
/// figures; <c>RoomOracleQualityTests</c> checks the list against popularity).
/// </remarks>
internal sealed class GroupScores
{
    /// <summary>Each member is suited by one of the first this many songs per member (<see cref="Ranked"/>).</summary>
    public const int FairShare = 2;

    private readonly int _members;
    private readonly bool[] _miserable;
    private readonly int[] _order;

    private GroupScores(double[] scores, int[][] suits, bool[] miserable, int members)
    {
        (Scores, Suits, _miserable, _members) = (scores, suits, miserable, members);
        var happy = Enumerable.Range(0, scores.Length).Where(c => !miserable[c]).ToArray();
        var unhappy = Enumerable.Range(0, scores.Length).Where(c => miserable[c]).ToArray();
        _order = [.. KeyOrder.Descending(happy, scores), .. KeyOrder.Descending(unhappy, scores)];
    }

    /// <summary>Per candidate: the members' average probability.</summary>
    public double[] Scores { get; }

    /// <summary>Per candidate: the members it suits, by index, best suited first (never empty).</summary>
    public int[][] Suits { get; }

    /// <param name="scores">Per member, a score per candidate (the same candidates, in the same order); higher is better.</param>
    /// <remarks>Runs on every room request over a few hundred candidates: plain loops over arrays, no LINQ per candidate.</remarks>
    public static GroupScores AverageWithoutMisery(IReadOnlyList<float[]> scores, double misery, double suits)
    {
        var (members, candidates) = (scores.Count, scores[0].Length);
        var percentiles = new double[members][];
        for (var m = 0; m < members; m++) percentiles[m] = Percentiles(scores[m]);
        var average = new double[candidates];
        var suited = new int[candidates][];
        var miserable = new bool[candidates];
        var bySuit = new int[members];
        for (var c = 0; c < candidates; c++)
        {
            var (sum, suitedCount) = (0.0, 0);
            for (var m = 0; m < members; m++)
            {
                sum += scores[m][c];
                if (percentiles[m][c] >= suits) suitedCount++;
                // Insertion by percentile, best first; at the same percentile the lower index first.
                var at = m;
                for (; at > 0 && percentiles[bySuit[at - 1]][c] < percentiles[m][c]; at--) bySuit[at] = bySuit[at - 1];
                bySuit[at] = m;
            }
            average[c] = sum / members;
            miserable[c] = percentiles[bySuit[members - 1]][c] < misery;
            suited[c] = bySuit[..Math.Max(1, suitedCount)];
        }
        return new GroupScores(average, suited, miserable, members);
    }

    /// <summary>
    /// Every candidate once: by the members' average, songs of misery last, except that each member is suited by at
    /// least one of the first <see cref="FairShare"/> × members songs: when the songs left in that stretch are as many
    /// as the members no song has suited yet, each goes to the best remaining song that suits one of them.
    /// </summary>
    /// <remarks>
    /// Strict turns (next always the best song of the member with the fewest so far) cost the room's list what the
    /// whole room enjoys and left the least happy member no better off, by the simulator's oracle (docs/api.md); by the
    /// average alone a member could go unsuited in the first ten, and this stretch closes that gap.
    /// </remarks>
    public IEnumerable<int> Ranked()
    {
        var taken = new bool[_order.Length];
        var suited = new bool[_members];
        var unsuited = _members;
        var stretch = Math.Min(FairShare * _members, _order.Length);
        for (var position = 0; position < stretch && unsuited > 0; position++)
        {
            var pick = stretch - position <= unsuited ? BestFor(suited, taken) : -1;
            if (pick < 0) pick = Array.IndexOf(taken, false);
            taken[pick] = true;
            foreach (var member in Suits[_order[pick]])
            {
                if (!suited[member]) (suited[member], unsuited) = (true, unsuited - 1);
            }
            yield return _order[pick];
        }
        for (var i = 0; i < _order.Length; i++)
        {
            if (!taken[i]) yield return _order[i];
        }
    }

    /// <summary>Where in the order the best remaining song is that suits a member not suited yet (none of misery), or -1.</summary>
    private int BestFor(bool[] suited, bool[] taken)
    {
        for (var i = 0; i < _order.Length; i++)
        {
            var candidate = _order[i];
            if (taken[i] || _miserable[candidate]) continue;
            foreach (var member in Suits[candidate])
            {
                if (!suited[member]) return i;
            }
        }
        return -1;
    }

    /// <summary>Each score's place among all, as a fraction: 1 for the highest, 0 for the lowest.</summary>
    private static double[] Percentiles(float[] scores)
    {
        var order = KeyOrder.Descending(scores);
        var percentiles = new double[scores.Length];
        for (var rank = 0; rank < order.Length; rank++) percentiles[order[rank]] = order.Length == 1 ? 1 : 1 - (double)rank / (order.Length - 1);
        return percentiles;
    }
}
