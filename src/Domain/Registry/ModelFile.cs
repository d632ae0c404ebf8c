namespace KtvRec.Domain.Registry;

/// <summary>
/// A trained model's files (weights, vocabulary, metadata) packed as one zip, kept in the database beside its
/// registry row, so every node can load the version the registry says is active without a shared disk.
/// </summary>
public sealed class ModelFile
{
    public required string Version { get; init; }
    public required byte[] Content { get; init; }
    public DateTime StoredAt { get; init; }
}
