using KtvRec.Domain;
using KtvRec.Domain.Users;
using KtvRec.Training.Features;

namespace KtvRec.Training.Pipeline;

/// <summary>
/// What one list is asked for, as serving reads it from its state and the retrain and CLI from their held-out data:
/// who (their profile and the songs they enjoyed, newest first), when and where (the context), what must stay off the
/// list (sung a moment ago, sung in the room tonight, or on a discovery list everything they played), and which
/// languages matter (theirs, their room's).
/// </summary>
/// <param name="History">The songs the user enjoyed, newest first, once per time they enjoyed one (a favourite sung again comes again), at most <see cref="MaxHistory"/>.</param>
/// <param name="Excluded">Songs that must not be on the list.</param>
/// <param name="Discovery">A discovery list (what the user played is in <paramref name="Excluded"/>): its order blends by <see cref="OrderBlend.Discovery"/>.</param>
public sealed record ListRequest(
    User? Profile, PlayContext Context, IReadOnlyList<string> History, IReadOnlySet<string> Excluded, IReadOnlyCollection<string> Languages, int Count,
    bool Discovery = false)
{
    /// <summary>The rows of the served model's catalog the list may hold (a jukebox's tab: one language, the 90s); null: every song.</summary>
    public RowFilter? Only { get; init; }

    /// <summary>Songs that join the candidates whatever the sources' budgets, if the list may hold them (a venue's promoted and pinned songs): scored with the rest.</summary>
    public IReadOnlyCollection<string> Required { get; init; } = [];

    /// <summary>The enjoyments a request reads of a user (serving keeps as many per user).</summary>
    public const int MaxHistory = 200;

    /// <summary>The distinct songs played that a discovery list leaves out (serving keeps as many per user).</summary>
    public const int MaxPlayed = 1000;

    /// <summary>
    /// The request a jukebox would have made for <paramref name="userId"/> at <paramref name="at"/>: their songs and
    /// plays before that moment in <paramref name="venue"/>, nothing after it.
    /// </summary>
    public static ListRequest At(VenueHistory venue, string userId, DateTime at, PlayContext context, bool discovery, PipelineOptions options, int count)
    {
        var profile = venue.Users.GetValueOrDefault(userId);
        var timeline = venue.TimelineOf(userId);
        var excluded = timeline?.CompletedBetween(at.AddHours(-options.RecentlySungHours), at) ?? [];
        if (discovery && timeline is not null) excluded.UnionWith(timeline.PlayedBefore(at, MaxPlayed));
        return new ListRequest(profile, context, timeline?.History(at, MaxHistory) ?? [], excluded, profile?.PreferredLanguages ?? [], count, discovery);
    }
}
