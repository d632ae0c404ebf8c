namespace KtvRec.Api.Tests.Scaling;

/// <summary>
/// Two API nodes in this process on one database (the same SQLite file, or one PostgreSQL database): the first loads the
/// small venue and is up before the second starts; both read what the other stored (state and models) every second.
/// </summary>
internal sealed class TwoNodesInProcess : IAsyncDisposable
{
    private readonly TempDirectory _data = new();
    private readonly KtvRecApp _first;
    private readonly KtvRecApp _second;

    public TwoNodesInProcess(params (string Key, string Value)[] settings)
        : this(settings, [])
    {
    }

    /// <param name="settings">The first node's own settings (beside the small venue's).</param>
    /// <param name="second">The second node's own settings.</param>
    public TwoNodesInProcess((string Key, string Value)[] settings, (string Key, string Value)[] second)
    {
        var shared = TestDatabase.Settings(_data.Path);
        shared["KtvRec:State:SyncSeconds"] = "1";
        shared["KtvRec:Serving:SyncSeconds"] = "1";
        var dataDirectory = TestDatabase.IsPostgres ? null : _data.Path;
        _first = new KtvRecApp(new(shared.Concat(SmallDemo.Settings(settings))), dataDirectory);
        A = _first.CreateClient();
        _second = new KtvRecApp(new(shared.Concat(second.Select(s => KeyValuePair.Create<string, string?>(s.Key, s.Value)))), dataDirectory);
        B = _second.CreateClient();
    }

    /// <summary>The first node's client: it loaded the venue.</summary>
    public HttpClient A { get; }

    public HttpClient B { get; }

    public async ValueTask DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        _data.Dispose();
    }
}
