using System.Buffers;

namespace KtvRec.Training.Retrieval;

/// <summary>
/// Where one user's songs lead through one set of item-to-item weights: every song reached, its summed weight, the
/// user's song that gave it most, and the rank of the strongest. Runs on every request (a room's, once per member),
/// so sums go into a pooled array indexed by song rather than a dictionary, and the strongest are picked by selection
/// rather than by sorting every song reached. Return it (dispose) when the request is done with it.
/// </summary>
public sealed class SimilarityPass : IDisposable
{
    /// <summary>Songs ranked per pass: the ranker reads a rank for these, and candidates come from them.</summary>
    public const int RankedSongs = 512;

    /// <summary>What a pass knows of one song: one entry, so a neighbour costs one cache line.</summary>
    private struct Reached
    {
        public float Sum;
        public float Best;
        // The user's song that gave it most, plus one: 0 marks a song not reached yet.
        public int Because;
        // Its rank plus one among the strongest; 0 for a song not among them, -1 for one of the user's own songs.
        public int Rank;
    }

    /// <summary>Arrays handed back with every entry 0: a pass clears only the entries it wrote, not the whole catalog's.</summary>
    private static readonly ArrayPool<Reached> Zeroed = ArrayPool<Reached>.Create();

    private readonly Reached[] _reached;
    private readonly int[] _touched;
    private readonly int _touchedCount;
    private readonly int _catalogSize;
    private readonly double _mean;
    private readonly double _deviation;
    private int[]? _ranked;
    private bool _disposed;

    /// <param name="neighbours">The weights, indexed by the same rows as <paramref name="songs"/>.</param>
    /// <param name="songs">The user's songs as rows, most recent first, each once.</param>
    public SimilarityPass(SongNeighbours neighbours, ReadOnlySpan<int> songs, int rankedSongs = RankedSongs)
    {
        _catalogSize = Math.Max(1, neighbours.Songs.Count);
        _reached = Zeroed.Rent(neighbours.Songs.Count);
        _touched = ArrayPool<int>.Shared.Rent(neighbours.Songs.Count);
        var touched = 0;
        foreach (var song in songs)
        {
            foreach (var (neighbour, weight) in neighbours.Lists[song])
            {
                ref var entry = ref _reached[neighbour];
                if (entry.Because == 0)
                {
                    _touched[touched++] = neighbour;
                    entry = new Reached { Sum = weight, Best = weight, Because = song + 1 };
                }
                else
                {
                    entry.Sum += weight;
                    if (weight > entry.Best) (entry.Best, entry.Because) = (weight, song + 1);
                }
            }
        }
        // The user's own songs are not their own neighbours: never ranked, and left out of the sums' spread.
        foreach (var song in songs)
        {
            ref var entry = ref _reached[song];
            if (entry.Because == 0 && entry.Rank == 0) _touched[touched++] = song;
            entry.Rank = -1;
        }
        _touchedCount = touched;
        var (sum, squares) = (0.0, 0.0);
        foreach (var song in _touched.AsSpan(0, touched))
        {
            if (_reached[song].Rank < 0) continue;
            sum += _reached[song].Sum;
            squares += (double)_reached[song].Sum * _reached[song].Sum;
        }
        _mean = sum / _catalogSize;
        _deviation = Math.Sqrt(Math.Max(squares / _catalogSize - _mean * _mean, 1e-12));
        Rank(rankedSongs);
    }

    /// <summary>The strongest songs reached with a positive sum (not the user's own), best first.</summary>
    public ReadOnlySpan<int> Ranked => _ranked;

    /// <summary>The song's rank among <see cref="Ranked"/> (0 the strongest); -1 for a song not among them.</summary>
    public int RankOf(int song) => _reached[song].Rank - 1 is var rank and >= 0 ? rank : -1;

    /// <summary>The song's summed weight from the user's songs (0 if not reached).</summary>
    public float SumOf(int song) => _reached[song].Sum;

    /// <summary>
    /// The summed weight as a z-score over the whole catalog (songs not reached count as 0): comparable between users
    /// whose sums differ in scale, as a ranker's input.
    /// </summary>
    public float ZOf(int song) => (float)((_reached[song].Sum - _mean) / _deviation);

    /// <summary>The user's song that gave this one the largest weight; -1 if none did.</summary>
    public int BecauseOf(int song) => _reached[song].Because - 1;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var song in _touched.AsSpan(0, _touchedCount)) _reached[song] = default;
        Zeroed.Return(_reached);
        ArrayPool<int>.Shared.Return(_touched);
    }

    /// <remarks>
    /// A few thousand songs reached, a few hundred ranked: each song becomes one number that sorts the strongest first
    /// (<see cref="KeyOrder.Sortable"/>: the higher sum first, then the lower song), the best are moved to the front
    /// by selection and only they are sorted.
    /// </remarks>
    private void Rank(int count)
    {
        var order = ArrayPool<long>.Shared.Rent(Math.Max(1, _touchedCount));
        try
        {
            var positive = 0;
            foreach (var song in _touched.AsSpan(0, _touchedCount))
            {
                if (_reached[song].Rank >= 0 && _reached[song].Sum > 0) order[positive++] = KeyOrder.Sortable(_reached[song].Sum, song);
            }
            var kept = Math.Min(count, positive);
            KeyOrder.SelectSmallest(order.AsSpan(0, positive), kept);
            Array.Sort(order, 0, kept);
            _ranked = new int[kept];
            for (var i = 0; i < kept; i++)
            {
                _ranked[i] = KeyOrder.IndexOf(order[i]);
                _reached[_ranked[i]].Rank = i + 1;
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(order);
        }
    }
}
