using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.Hosting;

/// <summary>Settings under <c>KtvRec</c> that the whole service shares.</summary>
public sealed class KtvRecOptions
{
    public const string Section = "KtvRec";

    /// <summary>The one folder for every file the service writes; relative paths are under the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";
}
