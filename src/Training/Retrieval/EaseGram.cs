using static TorchSharp.torch;

namespace KtvRec.Training.Retrieval;

/// <summary>
/// EASE's Gram matrix XᵀX over the most enjoyed songs (how many users enjoyed each pair), counted once into libtorch's
/// memory and solved at any λ. Nothing of size songs² is ever a managed array: counted in blocks of rows, solved and
/// normalised in place, and read back a row at a time for each song's strongest weights. A retrain at 5,000 songs
/// then holds two 100 MB matrices in native memory while it solves, where a dense managed copy per λ piled up garbage.
/// </summary>
public sealed class EaseGram : IDisposable
{
    private const int RowsPerBlock = 256;

    private readonly Tensor _gram;
    private readonly Tensor _counts;

    private EaseGram(string[] songs, Tensor gram)
    {
        Songs = songs;
        _gram = gram;
        using var diagonal = gram.diagonal();
        _counts = diagonal.clone();
    }

    /// <summary>The songs taking part, most enjoyed first (then by id): the matrix's rows and columns.</summary>
    public IReadOnlyList<string> Songs { get; }

    /// <param name="positives">Who enjoyed which song, oldest first.</param>
    /// <param name="maxSongs">Only the most enjoyed take part: the solve's cost grows with the cube of their number.</param>
    public static EaseGram Count(IEnumerable<(string User, string Song)> positives, int maxSongs)
    {
        var (all, users) = SongNeighbours.Histories(positives);
        var counts = new int[all.Count];
        foreach (var user in users)
        {
            foreach (var song in user) counts[song]++;
        }
        var kept = Enumerable.Range(0, all.Count)
            .OrderByDescending(song => counts[song]).ThenBy(song => all[song], StringComparer.Ordinal)
            .Take(maxSongs).ToArray();
        var row = new int[all.Count];
        Array.Fill(row, -1);
        for (var i = 0; i < kept.Length; i++) row[kept[i]] = i;

        // Each user's songs as rows of the matrix, and each row's users: a block of rows is counted from its audiences.
        var userRows = users.Select(user => user.Select(song => row[song]).Where(r => r >= 0).ToArray()).ToList();
        var audiences = SongNeighbours.Audiences(kept.Length, userRows);
        var n = kept.Length;
        var gram = zeros(n, n);
        var block = new float[RowsPerBlock * n];
        using (var memory = gram.data<float>())
        {
            for (var first = 0; first < n; first += RowsPerBlock)
            {
                var rows = Math.Min(RowsPerBlock, n - first);
                Array.Clear(block);
                for (var a = 0; a < rows; a++)
                {
                    var offset = a * n;
                    foreach (var user in audiences[first + a])
                    {
                        foreach (var b in userRows[user]) block[offset + b] += 1;
                    }
                }
                memory.CopyFrom(block.AsSpan(0, rows * n), 0, (long)first * n);
            }
        }
        return new EaseGram(Array.ConvertAll(kept, song => all[song]), gram);
    }

    /// <summary>For every song, its <paramref name="count"/> weights at <paramref name="lambda"/> largest in size (negative ones too), strongest first.</summary>
    public SongNeighbours Neighbours(double lambda, int count = Ease.DefaultNeighbours)
    {
        var n = Songs.Count;
        var lists = new Neighbour[n][];
        using var scope = NewDisposeScope();
        using var weights = Solve(lambda).data<float>();
        var row = new float[n];
        for (var i = 0; i < n; i++)
        {
            weights.CopyTo(row, 0, (long)i * n);
            lists[i] = SongNeighbours.Strongest(row, i, count, MathF.Abs);
        }
        return new SongNeighbours(Songs, lists);
    }

    /// <summary>Every weight at <paramref name="lambda"/>, row by row (songs² floats): for the whole model, as the EASE reference ranks.</summary>
    public float[] Weights(double lambda)
    {
        using var scope = NewDisposeScope();
        return Solve(lambda).data<float>().ToArray();
    }

    /// <summary>B = I − P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹, its diagonal 0 (a song is not its own neighbour).</summary>
    private Tensor Solve(double lambda)
    {
        using var noGrad = no_grad();
        _gram.diagonal().copy_(_counts + lambda);
        var p = linalg.inv(_gram);
        var diagonal = p.diagonal().clone();
        p.div_(diagonal.unsqueeze(0)).neg_();
        p.diagonal().zero_();
        return p;
    }

    public void Dispose()
    {
        _gram.Dispose();
        _counts.Dispose();
    }
}
