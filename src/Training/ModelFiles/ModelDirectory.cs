using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using KtvRec.Training.Data;
using KtvRec.Training.Models;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.ModelFiles;

/// <summary>
/// A model on disk: one directory holding <c>weights.bin</c>, <c>features.json</c> (the vocabulary),
/// <c>model.json</c> (metadata), <c>ease.bin</c> and <c>walk.bin</c> (the item-to-item weights) and <c>popular.json</c>
/// (the window's songs by popularity). Written to a temporary directory beside it and renamed, so a reader never sees
/// half a model.
/// </summary>
public static class ModelDirectory
{
    public const string WeightsFile = "weights.bin";
    public const string FeaturesFile = "features.json";
    public const string MetadataFile = "model.json";
    public const string EaseFile = "ease.bin";
    public const string WalkFile = "walk.bin";
    public const string PopularFile = "popular.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Save(TrainedModel trained, string directory)
    {
        if (Directory.Exists(directory))
        {
            // An empty folder made beforehand is a fine place for a model; one holding files is someone's.
            if (Directory.EnumerateFileSystemEntries(directory).Any()) throw new IOException($"{directory} already holds files; give an empty or new folder.");
            Directory.Delete(directory);
        }
        var parent = Path.GetDirectoryName(Path.GetFullPath(directory))!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            trained.Model.save(Path.Combine(temporary, WeightsFile));
            File.WriteAllText(Path.Combine(temporary, FeaturesFile), JsonSerializer.Serialize(trained.Space, Json));
            File.WriteAllText(Path.Combine(temporary, MetadataFile), JsonSerializer.Serialize(trained.Metadata, Json));
            SongNeighboursFile.Write(trained.Similarity.Ease, Path.Combine(temporary, EaseFile));
            SongNeighboursFile.Write(trained.Similarity.Walk, Path.Combine(temporary, WalkFile));
            File.WriteAllText(Path.Combine(temporary, PopularFile), JsonSerializer.Serialize(trained.Similarity.Popular, Json));
            FlushToDisk(temporary);
            Directory.Move(temporary, directory);
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    /// <summary>The model directory's files as one zip, to store elsewhere (the registry keeps it in the database).</summary>
    public static byte[] Pack(string directory)
    {
        using var zip = new MemoryStream();
        ZipFile.CreateFromDirectory(directory, zip, CompressionLevel.Fastest, includeBaseDirectory: false);
        return zip.ToArray();
    }

    /// <summary>Writes a packed model to <paramref name="directory"/>, through a temporary directory and a rename.</summary>
    public static void Unpack(byte[] packed, string directory)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(directory))!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".tmp-{Guid.NewGuid():N}");
        try
        {
            using (var zip = new MemoryStream(packed)) ZipFile.ExtractToDirectory(zip, temporary);
            FlushToDisk(temporary);
            Directory.Move(temporary, directory);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
            // Another request on this node unpacked the same version first: theirs is as good as ours.
            if (!Directory.Exists(directory)) throw;
        }
    }

    /// <summary>
    /// Every file of a model folder on disk before the folder is renamed into place: a power cut after the rename then
    /// finds whole files, never a folder of empty ones.
    /// </summary>
    private static void FlushToDisk(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.ReadWrite);
            RandomAccess.FlushToDisk(handle);
        }
    }

    /// <summary>Builds the model from its metadata and loads its weights; predictions are the same as when it was saved.</summary>
    /// <exception cref="InvalidDataException">The files are damaged, or of a format this service does not serve (a model from before the ranker).</exception>
    public static TrainedModel Load(string directory)
    {
        var metadata = Read<ModelMetadata>(directory, MetadataFile);
        if (metadata.Format != ModelMetadata.CurrentFormat)
            throw new InvalidDataException($"The model in {directory} has format {metadata.Format}; this service serves format {ModelMetadata.CurrentFormat} and retrains.");
        var space = Read<FeatureSpace>(directory, FeaturesFile);
        var similarity = new SongSimilarity(
            SongNeighboursFile.Read(Path.Combine(directory, EaseFile)), SongNeighboursFile.Read(Path.Combine(directory, WalkFile)),
            Read<List<string>>(directory, PopularFile));
        var model = CtrModel.Create(metadata.Shape);
        try
        {
            model.load(Path.Combine(directory, WeightsFile));
            model.eval();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            model.Dispose();
            throw new InvalidDataException($"The weights in {directory} could not be loaded: {exception.Message}", exception);
        }
        return new TrainedModel(model, space, metadata, similarity);
    }

    private static T Read<T>(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path} is not a valid model file: {exception.Message}", exception);
        }
    }
}
