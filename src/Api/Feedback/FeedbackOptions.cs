using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.Feedback;

/// <summary>Settings under <c>KtvRec:Feedback</c>: the ids lists carry and the pick rate read from them.</summary>
internal sealed class FeedbackOptions
{
    public const string Section = "KtvRec:Feedback";

    /// <summary>
    /// The key of the checksum in every recommendationId. Set the same secret on every node so a client cannot make up
    /// ids that attribute picks to a list that was never shown; the default only catches mistyped ids.
    /// </summary>
    [Required, MinLength(8)]
    public string IdSecret { get; set; } = "ktvrec-recommendation-ids";

    /// <summary>How long after a list was issued an event may quote its recommendationId (a jukebox's outbox may deliver late; the event's own time counts).</summary>
    [Range(1, 24 * 31)]
    public int RecommendationIdHours { get; set; } = 24;

    /// <summary>How far back the pick rate looks: lists issued in these last days.</summary>
    [Range(1, 3650)]
    public int PickRateDays { get; set; } = 90;

    /// <summary>How long a computed pick rate is reused (for /metrics scrapes above all). 0: computed for every read.</summary>
    [Range(0, 3600)]
    public int PickRateCacheSeconds { get; set; } = 60;

    /// <summary>How often each node adds the lists it served to the database's daily counts (and at shutdown).</summary>
    [Range(1, 3600)]
    public int TrafficFlushSeconds { get; set; } = 60;
}
