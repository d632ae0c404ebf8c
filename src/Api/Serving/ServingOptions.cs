using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.Serving;

/// <summary>Settings under <c>KtvRec:Serving</c>.</summary>
internal sealed class ServingOptions
{
    public const string Section = "KtvRec:Serving";

    /// <summary>How often this node checks which version the registry says is active, and swaps to it.</summary>
    [Range(1, 3600)]
    public int SyncSeconds { get; set; } = 5;
}
