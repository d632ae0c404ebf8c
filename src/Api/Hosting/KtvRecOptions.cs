using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.Hosting;

/// <summary>Settings under <c>KtvRec</c> that the whole service shares.</summary>
internal sealed class KtvRecOptions
{
    public const string Section = "KtvRec";

    /// <summary>The one folder for every file the service writes; relative paths are under the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// What this node does: all (default: one machine does everything), api (ingests and serves, never trains) or
    /// worker (runs the Hangfire servers and trains). Any number of each share one PostgreSQL database.
    /// </summary>
    [RegularExpression("^(all|api|worker)$", ErrorMessage = "must be all, api or worker.")]
    public string Role { get; set; } = "all";

    /// <summary>The role, read before the container is built (which services exist depends on it).</summary>
    public static bool Trains(IConfiguration configuration) => configuration[$"{Section}:Role"] is null or "all" or "worker";
}
