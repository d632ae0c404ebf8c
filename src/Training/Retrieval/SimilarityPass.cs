using System.Buffers;
using System.Numerics;

namespace KtvRec.Training.Retrieval;

/// <summary>
/// Where one user's songs lead through one set of item-to-item weights: every song reached, its summed weight, the
/// user's song that gave it most, and the rank of the strongest. Runs on every request (a room's, once per member),
/// so sums go into a pooled array indexed by song rather than a dictionary, the strongest are picked by selection
/// rather than by sorting every song reached, and they are put in order only as far as someone reads them. One
/// request's: not for several threads at once. Return it (dispose) when the request is done with it.
/// </summary>
public sealed class SimilarityPass : IDisposable
{
    /// <summary>Songs ranked per pass: the ranker reads a rank for these, and candidates come from them.</summary>
    public const int RankedSongs = 512;

    /// <summary>The ranks known exactly; past them a rank is known by its doubling (20-31, 32-63, ...), as the ranker reads it.</summary>
    public const int ExactRanks = 20;

    /// <summary>What a pass knows of one song: one entry, so a neighbour costs one cache line.</summary>
    private struct Reached
    {
        public float Sum;
        public float Best;
        // The user's song that gave it most, plus one: 0 marks a song not reached yet.
        public int Because;
        // Its rank plus one among the strongest (past ExactRanks, its doubling's first rank plus one); 0 for a song not
        // among them, -1 for one of the user's own songs.
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
    // The strongest as KeyOrder.Sortable numbers: each doubling holds its own songs, in order once _ordered reaches it.
    private long[] _order = [];
    private int _rankedCount;
    private int _ordered;
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

    /// <summary>
    /// The strongest songs reached with a positive sum (not the user's own), best first. Each doubling of ranks is
    /// sorted when the reading reaches it: candidate sources stop after a few hundred, the ranker's signals never read it.
    /// </summary>
    public IEnumerable<int> Ranked
    {
        get
        {
            for (var start = 0; start < _rankedCount; start = EndOfDoubling(start))
            {
                var end = EndOfDoubling(start);
                if (_ordered < end)
                {
                    Array.Sort(_order, start, end - start);
                    _ordered = end;
                }
                for (var i = start; i < end; i++) yield return KeyOrder.IndexOf(_order[i]);
            }
        }
    }

    /// <summary>
    /// The song's rank among <see cref="Ranked"/> (0 the strongest) to the precision the ranker reads it
    /// (<see cref="ExactRanks"/> exactly, then the first rank of its doubling); -1 for a song not among them.
    /// </summary>
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
        ArrayPool<long>.Shared.Return(_order);
    }

    /// <remarks>
    /// A few thousand songs reached, a few hundred ranked: each song becomes one number that sorts the strongest first
    /// (<see cref="KeyOrder.Sortable"/>: the higher sum first, then the lower song), the best are moved to the front by
    /// selection, then each doubling's songs in front of the next one's (selection again), and only the first
    /// <see cref="ExactRanks"/> are sorted now.
    /// </remarks>
    private void Rank(int count)
    {
        _order = ArrayPool<long>.Shared.Rent(Math.Max(1, _touchedCount));
        var positive = 0;
        foreach (var song in _touched.AsSpan(0, _touchedCount))
        {
            if (_reached[song].Rank >= 0 && _reached[song].Sum > 0) _order[positive++] = KeyOrder.Sortable(_reached[song].Sum, song);
        }
        _rankedCount = Math.Min(count, positive);
        KeyOrder.SelectSmallest(_order.AsSpan(0, positive), _rankedCount);
        for (var end = _rankedCount; end > ExactRanks; end = StartOfDoubling(end - 1))
        {
            KeyOrder.SelectSmallest(_order.AsSpan(0, end), StartOfDoubling(end - 1));
        }
        _ordered = Math.Min(ExactRanks, _rankedCount);
        Array.Sort(_order, 0, _ordered);
        for (var i = 0; i < _rankedCount; i++)
        {
            _reached[KeyOrder.IndexOf(_order[i])].Rank = (i < ExactRanks ? i : StartOfDoubling(i)) + 1;
        }
    }

    /// <summary>The first rank of the group <paramref name="rank"/> is ordered with: itself among the exact ranks, else its doubling's first (20 for 20-31, then a power of two).</summary>
    private static int StartOfDoubling(int rank) =>
        rank < ExactRanks ? rank : rank < 32 ? ExactRanks : 1 << BitOperations.Log2((uint)rank);

    /// <summary>Where the group that starts at <paramref name="start"/> ends: the exact ranks as one group, then each doubling.</summary>
    private int EndOfDoubling(int start) =>
        Math.Min(_rankedCount, start < ExactRanks ? ExactRanks : start < 32 ? 32 : start * 2);
}
