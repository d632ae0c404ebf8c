using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.Serving;

/// <summary>Settings under <c>KtvRec:Serving</c>.</summary>
internal sealed class ServingOptions
{
    public const string Section = "KtvRec:Serving";

    /// <summary>How often this node checks which version the registry says is active, and swaps to it.</summary>
    [Range(1, 3600)]
    public int SyncSeconds { get; set; } = 5;

    /// <summary>
    /// Earlier versions whose files are kept (in the database and in each node's folder) beside the active one: what a
    /// rollback can reach. Older versions keep their row and history, not their files, so disk and database stay bounded.
    /// </summary>
    [Range(1, 1000)]
    public int KeepVersions { get; set; } = 10;
}
