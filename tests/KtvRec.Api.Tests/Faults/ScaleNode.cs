using KtvRec.Api.Tests.Operations;

namespace KtvRec.Api.Tests.Faults;

/// <summary>A node of the scale mode as a process: its role, a data directory of its own, the database all nodes share.</summary>
internal static class ScaleNode
{
    /// <param name="database">The data directory that names the shared database (TestDatabase gives each one a database).</param>
    public static ServiceProcess Start(string role, string dataDirectory, string database, params (string Key, string Value)[] extra)
    {
        var settings = ServiceProcess.QuietOn(database);
        settings["KtvRec:Role"] = role;
        settings["KtvRec:Serving:SyncSeconds"] = "1";
        foreach (var (key, value) in extra) settings[key] = value;
        return ServiceProcess.Start(ServiceProcess.BuiltFolder, dataDirectory, settings);
    }

    /// <summary>The small simulated venue (SmallDemo), loaded by the first node into the empty database.</summary>
    public static (string Key, string Value)[] WithDemo(params (string Key, string Value)[] extra) =>
        [.. SmallDemo.Settings().Select(pair => (pair.Key, pair.Value!)), .. extra];
}

/// <summary>Two API nodes as processes on one database, each with a data directory of its own; the first loads the demo venue into it.</summary>
internal sealed class TwoApiNodes : IAsyncDisposable
{
    private readonly TempDirectory _first = new();
    private readonly TempDirectory _second = new();

    private TwoApiNodes() => First = ScaleNode.Start("api", _first.Path, Database, ScaleNode.WithDemo());

    public ServiceProcess First { get; }

    /// <summary>Started once the first is ready (so the demo venue is in the database before it starts).</summary>
    public ServiceProcess Second { get; private set; } = null!;

    /// <summary>The data directory that names the shared database (the first node's).</summary>
    public string Database => _first.Path;

    public static async Task<TwoApiNodes> StartAsync()
    {
        var nodes = new TwoApiNodes();
        try
        {
            await nodes.First.WaitForAsync("/health/ready");
            nodes.Second = ScaleNode.Start("api", nodes._second.Path, nodes.Database);
            await nodes.Second.WaitForAsync("/health/ready");
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        if (Second is not null) await Second.DisposeAsync();
        _second.Dispose();
        _first.Dispose();
    }
}
