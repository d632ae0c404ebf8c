using System.Runtime.CompilerServices;
using KtvRec.Domain.Events;
using KtvRec.Domain.Simulation;
using KtvRec.Training.Features;

namespace KtvRec.Training.Tests.Features;

public sealed class VenueHistoryTests
{
    [Fact]
    public void TheHistoryKeepsNothingOfTheSnapshotsEvents()
    {
        // A retrain lets the window's events go once the history is built: at ten million events they are 560 MB that
        // every later stage would carry.
        var (history, events) = HistoryOfAFreshSnapshot();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(events.IsAlive);
        Assert.NotEmpty(history.Interactions);
        Assert.Equal(SmallVenue.Venue.Events.Max(e => e.OccurredAt), history.LastEvent);
        Assert.Equal(SmallVenue.Venue.Songs.Count, history.Songs.Count);
    }

    [Fact]
    public void AnEventReadsBackItsProgressAndScoreOrTheirAbsence()
    {
        var at = new DateTime(2026, 11, 20, 20, 0, 0, DateTimeKind.Utc);
        var skipped = new VenueEvent(EventType.Skip, "u", "s", "r", at, progress: 0.25);
        var scored = new VenueEvent(EventType.Score, "u", "s", null, at, score: 88.5);

        Assert.Equal((0.25, (double?)null), (skipped.Progress, skipped.Score));
        Assert.Equal(((double?)null, 88.5), (scored.Progress, scored.Score));
        Assert.Equal(new VenueEvent(EventType.Skip, "u", "s", "r", at, 0.25), skipped);
        // Each field a retrain holds ten million times: no 16-byte nullable among them.
        Assert.Equal(56, Unsafe.SizeOf<VenueEvent>());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (VenueHistory History, WeakReference Events) HistoryOfAFreshSnapshot()
    {
        var snapshot = SmallVenue.Venue.ToSnapshot();
        return (VenueHistory.From(snapshot), new WeakReference(snapshot.Events));
    }
}
