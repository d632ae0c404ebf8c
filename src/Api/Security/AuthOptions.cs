namespace KtvRec.Api.Security;

/// <summary>Settings under <c>KtvRec:Auth</c>: API keys by role, sent in the <c>X-Api-Key</c> header.</summary>
internal sealed class AuthOptions
{
    public const string Section = "KtvRec:Auth";

    /// <summary>Keys of jukeboxes and catalog tools: POST /events, session and catalog writes, user profiles.</summary>
    public List<string> IngestKeys { get; set; } = [];

    /// <summary>Keys of staff: everything, including retrain, activate and the Hangfire dashboard.</summary>
    public List<string> AdminKeys { get; set; } = [];

    /// <summary>Require a key (of either role) for reads too: recommendations, catalog, users, models, stats.</summary>
    public bool ProtectReads { get; set; }

    /// <summary>Allow running with no keys at all in Production (the demo default elsewhere).</summary>
    public bool AllowAnonymous { get; set; }

    public bool IsOpen => IngestKeys.Count == 0 && AdminKeys.Count == 0;
}
