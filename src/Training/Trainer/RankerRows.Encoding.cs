using KtvRec.Training.Data;
using KtvRec.Training.Features;

namespace KtvRec.Training.Trainer;

public sealed partial class RankerRows
{
    /// <summary>
    /// The rows as the trainer reads them, each encoded when its batch is read: only the songs' sides and the queries'
    /// user sides are encoded ahead, once each. A whole table costs <see cref="KtvFeatures.Slots"/> × 12 bytes a row
    /// (200 MB for a million events' 478,000 rows), this a label.
    /// </summary>
    public IRowSource EncodeByBatch(FeatureSpace space) => new Encoder(this, space);

    /// <summary>The rows as one table, in <see cref="KtvFeatures.Slots"/> slots (to write them out, or to compare).</summary>
    public FeatureTable Encode(FeatureSpace space)
    {
        var encoder = new Encoder(this, space);
        const int slots = KtvFeatures.Slots;
        var (indices, values, fields) = (new int[Count * slots], new float[Count * slots], new int[Count * slots]);
        for (var row = 0; row < Count; row++)
            encoder.CopyRow(row, indices.AsSpan(row * slots, slots), values.AsSpan(row * slots, slots), fields.AsSpan(row * slots, slots));
        return new FeatureTable(slots, indices, values, fields, encoder.Labels);
    }

    /// <summary>Each row: its song's side and its query's user side copied from their encodings, the pair fields by bucket.</summary>
    private sealed class Encoder : IRowSource
    {
        private const int SongSlots = KtvFeatures.SongSideSlots, UserSlots = KtvFeatures.UserSideSlots;

        private readonly RankerRows _rows;
        private readonly FeatureSpace _space;
        private readonly FeatureTable _songs;
        private readonly FeatureTable _users;
        private readonly Dictionary<(int Field, string Token), int> _pairTokens = [];

        public Encoder(RankerRows rows, FeatureSpace space)
        {
            _rows = rows;
            _space = space;
            _songs = FeatureTable.Encode(space, rows.Catalog.Songs.Select(KtvFeatures.SongSide).ToList(), SongSlots);
            _users = FeatureTable.Encode(space, rows._userSides, UserSlots);
            Labels = rows._rows.ConvertAll(r => r.Label).ToArray();
        }

        public int Slots => KtvFeatures.Slots;
        public int Count => Labels.Length;
        public float[] Labels { get; }
        IReadOnlyList<float> IRowSource.Labels => Labels;

        public void CopyRow(int row, Span<int> indices, Span<float> values, Span<int> fields)
        {
            var (query, song, pair, _) = _rows._rows[row];
            _songs.CopyRow(song, indices[..SongSlots], values[..SongSlots], fields[..SongSlots]);
            _users.CopyRow(query, indices.Slice(SongSlots, UserSlots), values.Slice(SongSlots, UserSlots), fields.Slice(SongSlots, UserSlots));
            var slot = SongSlots + UserSlots;
            foreach (var feature in KtvFeatures.Pair(pair))
            {
                if (!_pairTokens.TryGetValue((feature.Field, feature.Token), out var index))
                    _pairTokens[(feature.Field, feature.Token)] = index = _space.IndexOf(feature.Field, feature.Token);
                (indices[slot], values[slot], fields[slot]) = (index, feature.Value, feature.Field);
                slot++;
            }
        }
    }
}
