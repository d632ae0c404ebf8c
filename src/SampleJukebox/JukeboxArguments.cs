namespace KtvRec.SampleJukebox;

/// <summary>The sample jukebox's command line.</summary>
internal sealed record JukeboxArguments(Uri Url, string? ApiKey, string OutboxPath, int Rooms, int Events, string Prefix, TimeSpan Drain, string? Error = null)
{
    public const string Usage =
        "usage: KtvRec.SampleJukebox --url URL [--key API_KEY] [--outbox FILE (jukebox-outbox.db)] [--rooms N (4)] [--events N per room (50; 0: only deliver what waits)] [--prefix ID (jb)] [--drain-seconds N (60)]";

    public static JukeboxArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) return Invalid($"'{args[i]}' is not an --option with a value");
            values[args[i][2..]] = args[i + 1];
        }
        var unknown = values.Keys.Except(["url", "key", "outbox", "rooms", "events", "prefix", "drain-seconds"]).FirstOrDefault();
        if (unknown is not null) return Invalid($"unknown option --{unknown}");
        if (!values.TryGetValue("url", out var url) || !Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri))
            return Invalid("--url must be the service's absolute address");
        int Number(string name, int fallback) => values.TryGetValue(name, out var text) && int.TryParse(text, out var n) && n >= 0 ? n : text is null ? fallback : -1;
        var (rooms, events, drain) = (Number("rooms", 4), Number("events", 50), Number("drain-seconds", 60));
        if (rooms < 1 || events < 0 || drain < 0) return Invalid("--rooms must be at least 1, --events and --drain-seconds whole numbers");
        return new JukeboxArguments(uri, values.GetValueOrDefault("key"), values.GetValueOrDefault("outbox") ?? "jukebox-outbox.db", rooms, events,
            values.GetValueOrDefault("prefix") ?? "jb", TimeSpan.FromSeconds(drain));
    }

    private static JukeboxArguments Invalid(string error) => new(new Uri("http://invalid/"), null, "", 0, 0, "", TimeSpan.Zero, error);
}
