namespace KtvRec.Training.Retrieval;

/// <summary>
/// Item-kNN: for every song, the songs most often enjoyed by the same people, by cosine of their audiences shrunk
/// towards zero for songs with few listeners (sim = co / (√(nᵢ·nⱼ) + shrinkage)). The item-kNN reference every
/// ranking is reported beside.
/// </summary>
public static class Cosine
{
    public const double DefaultShrinkage = 10;
    public const int DefaultNeighbours = 50;

    /// <param name="positives">Who enjoyed which song, oldest first.</param>
    public static SongNeighbours Fit(
        IEnumerable<(string UserId, string SongId)> positives, int neighbours = DefaultNeighbours, double shrinkage = DefaultShrinkage)
    {
        var (songs, users) = SongNeighbours.Histories(positives);
        var audiences = SongNeighbours.Audiences(songs.Count, users);
        var lists = new Neighbour[songs.Count][];
        var together = new int[songs.Count];
        var touched = new List<int>();
        for (var i = 0; i < songs.Count; i++)
        {
            foreach (var user in audiences[i])
            {
                foreach (var j in users[user])
                {
                    if (j == i) continue;
                    if (together[j]++ == 0) touched.Add(j);
                }
            }
            var top = new PriorityQueue<Neighbour, float>(neighbours + 1);
            foreach (var j in touched)
            {
                var similarity = (float)(together[j] / (Math.Sqrt((double)audiences[i].Count * audiences[j].Count) + shrinkage));
                together[j] = 0;
                SongNeighbours.Keep(top, new Neighbour(j, similarity), similarity, neighbours);
            }
            touched.Clear();
            lists[i] = SongNeighbours.StrongestFirst(top);
        }
        return new SongNeighbours(songs, lists);
    }
}
