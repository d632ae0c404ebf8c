using KtvRec.Training.Retrieval;

namespace KtvRec.Training.ModelFiles;

/// <summary>
/// <c>neighbours.bin</c>: the song similarity a model version was trained with. Binary because a 50k-song catalog with
/// 50 neighbours each is 2.5 million pairs: song ids, then per song its count and (index, similarity) pairs.
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
                writer.Write(n.Similarity);
            }
        }
    }

    /// <summary>The stored similarity; none for a model saved before similarities were stored.</summary>
    public static SongNeighbours Read(string path)
    {
        if (!File.Exists(path)) return SongNeighbours.Empty;
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
