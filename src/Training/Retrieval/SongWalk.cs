namespace KtvRec.Training.Retrieval;

/// <summary>
/// RP3β (Paudel et al. 2017, "Updatable, accurate, diverse, and scalable recommendations for interactive
/// applications"): the probability of walking from a song to a listener and on to another of their songs, divided by
/// that song's popularity to the power β so the walk does not always end at the hits. It counts what EASE's weights do
/// not (how directly two songs share their audiences), and the ranker weighs the two.
/// </summary>
public static class SongWalk
{
    /// <summary>The popularity penalty: 0 ranks by walk probability alone, 1 by the probability per listener.</summary>
    public const double DefaultBeta = 0.5;

    public const int DefaultNeighbours = 200;

    /// <param name="positives">Who enjoyed which song, oldest first.</param>
    public static SongNeighbours Fit(IEnumerable<(string UserId, string SongId)> positives, int neighbours = DefaultNeighbours, double beta = DefaultBeta)
    {
        var (songs, users) = SongNeighbours.Histories(positives);
        var audiences = SongNeighbours.Audiences(songs.Count, users);
        var penalty = Array.ConvertAll(audiences, a => (float)Math.Pow(Math.Max(1, a.Count), -beta));
        var lists = new Neighbour[songs.Count][];
        var walked = new float[songs.Count];
        var touched = new List<int>();
        for (var i = 0; i < songs.Count; i++)
        {
            // From song i to one of its listeners (1 / its audience), then to one of their songs (1 / their songs).
            foreach (var user in audiences[i])
            {
                var step = 1f / audiences[i].Count / users[user].Length;
                foreach (var j in users[user])
                {
                    if (j == i) continue;
                    if (walked[j] == 0) touched.Add(j);
                    walked[j] += step;
                }
            }
            var top = new PriorityQueue<Neighbour, float>(neighbours + 1);
            foreach (var j in touched)
            {
                var weight = walked[j] * penalty[j];
                walked[j] = 0;
                SongNeighbours.Keep(top, new Neighbour(j, weight), weight, neighbours);
            }
            touched.Clear();
            lists[i] = SongNeighbours.StrongestFirst(top);
        }
        return new SongNeighbours(songs, lists);
    }
}
