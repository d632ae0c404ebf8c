using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.Events;

/// <summary>Settings under <c>KtvRec:Ingest</c>.</summary>
internal sealed class IngestOptions
{
    public const string Section = "KtvRec:Ingest";

    /// <summary>The most events one POST /events may carry.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 1000;
}
