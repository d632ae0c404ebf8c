using KtvRec.Training.Retrieval;

namespace KtvRec.Training.ModelFiles;

/// <summary>
/// A model's item-to-item weights on disk (<c>ease.bin</c>, <c>walk.bin</c>). Binary because a 50k-song catalog with 200
/// neighbours each is 10 million pairs: song ids, then per song its count and (index, weight) pairs.
/// </summary>
public static class SongNeighboursFile
{
    private const int FormatVersion = 1;

    public static void Write(SongNeighbours neighbours, string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(FormatVersion);
        writer.Write(neighbours.Songs.Count);
        foreach (var song in neighbours.Songs) writer.Write(song);
        foreach (var list in neighbours.Lists)
        {
            writer.Write(list.Length);
            foreach (var n in list)
            {
                writer.Write(n.Song);
                writer.Write(n.Weight);
            }
        }
    }

    /// <summary>The stored weights.</summary>
    public static SongNeighbours Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path} is missing: the model folder is incomplete.");
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            var format = reader.ReadInt32();
            if (format != FormatVersion) throw new InvalidDataException($"{path} has format {format}; this service reads {FormatVersion}.");
            var count = reader.ReadInt32();
            var songs = new string[count];
            for (var i = 0; i < count; i++) songs[i] = reader.ReadString();
            var lists = new Neighbour[count][];
            for (var i = 0; i < count; i++)
            {
                var list = new Neighbour[reader.ReadInt32()];
                for (var k = 0; k < list.Length; k++) list[k] = new Neighbour(reader.ReadInt32(), reader.ReadSingle());
                lists[i] = list;
            }
            return new SongNeighbours(songs, lists);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException($"{path} ends early: the file is cut short.", exception);
        }
    }
}
