using KtvRec.Api.Serving;
using KtvRec.Domain.Registry;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtvRec.Api.Tests.Retraining;

/// <summary>The registry after crashes and over time: one run trains at a time across workers, abandoned runs end, old versions' files go, the database and disk stay bounded.</summary>
public sealed class RegistryHousekeepingTests
{
    private static ModelVersion Run(string version, ModelStatus status, double hoursAgo, double? beatSecondsAgo = null) => new()
    {
        Version = version, Kind = "deepfm", Status = status, CreatedAt = DateTime.UtcNow.AddHours(-hoursAgo),
        HeartbeatAt = beatSecondsAgo is { } seconds ? DateTime.UtcNow.AddSeconds(-seconds) : null,
    };

    /// <summary>The registry and the database of a started service.</summary>
    private static (ModelRegistry Registry, KtvDbContext Db, IServiceScope Scope) Open(KtvRecApp app)
    {
        app.CreateClient();
        var scope = app.Services.CreateScope();
        return (scope.ServiceProvider.GetRequiredService<ModelRegistry>(), scope.ServiceProvider.GetRequiredService<KtvDbContext>(), scope);
    }

    /// <summary>The same, with these runs stored.</summary>
    private static async Task<(ModelRegistry Registry, KtvDbContext Db, IServiceScope Scope)> OpenWithAsync(KtvRecApp app, params ModelVersion[] runs)
    {
        var opened = Open(app);
        opened.Db.ModelVersions.AddRange(runs);
        await opened.Db.SaveChangesAsync();
        return opened;
    }

    [Fact]
    public async Task ARunWhoseHeartbeatStoppedIsMarkedFailedAndOneStillBeatingKeepsTraining()
    {
        await using var app = new KtvRecApp();
        var (registry, db, scope) = await OpenWithAsync(
            app, Run("crashed", ModelStatus.Training, hoursAgo: 3, beatSecondsAgo: 300), Run("running", ModelStatus.Training, hoursAgo: 3, beatSecondsAgo: 5));
        using var _ = scope;

        var failed = await registry.FailAbandonedRunsAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(1, failed);
        var rows = await db.ModelVersions.AsNoTracking().ToDictionaryAsync(v => v.Version);
        Assert.Equal(ModelStatus.Failed, rows["crashed"].Status);
        Assert.StartsWith("abandoned", rows["crashed"].Reason);
        Assert.Equal(ModelStatus.Training, rows["running"].Status);
    }

    [Fact]
    public async Task ARunKeepsItsLeaseOnceItsOutcomeIsRecordedAndAFailureAfterItsActivationDoesNotFailIt()
    {
        await using var app = new KtvRecApp();
        var (registry, db, scope) = await OpenWithAsync(
            app, Run("activated", ModelStatus.Training, hoursAgo: 1, beatSecondsAgo: 5), Run("rejected", ModelStatus.Training, hoursAgo: 1, beatSecondsAgo: 5),
            Run("abandoned", ModelStatus.Failed, hoursAgo: 1, beatSecondsAgo: 300));
        using var _ = scope;
        // The worker made its run serve (or the gate refused it) while the heartbeat still ticked, as a swap at 100,000 songs lets it.
        await db.ModelVersions.Where(v => v.Version == "activated").ExecuteUpdateAsync(set => set.SetProperty(v => v.Status, ModelStatus.Active));
        var rejected = await db.ModelVersions.FirstAsync(v => v.Version == "rejected");
        Assert.True(await registry.FinishAsync(rejected, ModelStatus.Rejected, "below popularity"));

        Assert.True(await registry.BeatAsync("activated", CancellationToken.None));
        Assert.True(await registry.BeatAsync("rejected", CancellationToken.None));
        Assert.False(await registry.BeatAsync("abandoned", CancellationToken.None));
        Assert.False(await registry.BeatAsync("never-started", CancellationToken.None));
        // Then the swap or the clean-up throws: the registry keeps the model serving rather than record a failed run.
        var active = await db.ModelVersions.FirstAsync(v => v.Version == "activated");
        Assert.False(await registry.FinishAsync(active, ModelStatus.Failed, "cancelled"));
        Assert.Equal(ModelStatus.Active, (await db.ModelVersions.AsNoTracking().FirstAsync(v => v.Version == "activated")).Status);
    }

    [Fact]
    public async Task NoRunStartsWhileAnotherBeatsAndOnceItFallsSilentTheNextOneStarts()
    {
        await using var app = new KtvRecApp();
        var (registry, db, scope) = Open(app);
        using var _ = scope;
        db.ModelVersions.Add(Run("elsewhere", ModelStatus.Training, hoursAgo: 1, beatSecondsAgo: 5));
        await db.SaveChangesAsync();

        var refused = await registry.TryStartRunAsync("mine", "deepfm", "manual", null, TimeSpan.FromMinutes(1), CancellationToken.None);
        await db.ModelVersions.Where(v => v.Version == "elsewhere")
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.HeartbeatAt, DateTime.UtcNow.AddMinutes(-2)));
        var started = await registry.TryStartRunAsync("mine", "deepfm", "manual", null, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal((null, "elsewhere"), (refused.Run?.Version, refused.Training));
        Assert.Equal(("mine", null), (started.Run?.Version, started.Training));
        var rows = await db.ModelVersions.AsNoTracking().ToDictionaryAsync(v => v.Version, v => v.Status);
        Assert.Equal(ModelStatus.Failed, rows["elsewhere"]);
        Assert.Equal(ModelStatus.Training, rows["mine"]);
    }

    [Fact]
    public async Task WorkersStartingRunsAtTheSameMomentStartExactlyOne()
    {
        await using var app = new KtvRecApp();
        app.CreateClient();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(worker => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
            return await registry.TryStartRunAsync($"worker-{worker}", "deepfm", "manual", null, TimeSpan.FromMinutes(1), CancellationToken.None);
        })));

        var started = Assert.Single(attempts, attempt => attempt.Run is not null);
        Assert.All(attempts.Where(attempt => attempt.Run is null), attempt => Assert.Equal(started.Run!.Version, attempt.Training));
    }

    [Fact]
    public async Task OnlyTheActiveVersionAndTheNewestEarlierOnesKeepTheirFiles()
    {
        await using var app = new KtvRecApp(new() { ["KtvRec:Serving:KeepVersions"] = "2" });
        var (registry, db, scope) = Open(app);
        using var _ = scope;
        // v1..v5 served in turn; v3 is active again after a rollback.
        for (var i = 1; i <= 5; i++)
        {
            var version = $"v{i}";
            db.ModelVersions.Add(Run(version, i == 3 ? ModelStatus.Active : ModelStatus.Retired, hoursAgo: 10 - i));
            db.ModelFiles.Add(new ModelFile { Version = version, Content = [1, 2, 3] });
            Directory.CreateDirectory(registry.DirectoryOf(version));
        }
        db.ModelVersions.Add(Run("rejected", ModelStatus.Rejected, hoursAgo: 0.5));
        await db.SaveChangesAsync();

        var pruned = await registry.PruneAsync(CancellationToken.None);

        Assert.Equal(2, pruned);
        Assert.Equal(["v3", "v4", "v5"], await db.ModelFiles.Select(f => f.Version).OrderBy(v => v).ToListAsync());
        Assert.Equal(["v3", "v4", "v5"], Directory.GetDirectories(registry.ModelsDirectory).Select(Path.GetFileName).Order());
        Assert.Equal(6, await db.ModelVersions.CountAsync());
    }
}
