using KtvRec.Api.Feedback;
using KtvRec.Api.State;
using KtvRec.Api.Validation;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Recommendations;

/// <summary>What every list endpoint reads beside its recommender: the rooms, the settings, the catalog its filters name, the traffic it counts.</summary>
internal sealed class ListServices(RoomStates rooms, RecommendationTraffic traffic, PopularityRanking popularity, IOptions<RecommendationOptions> options)
{
    public RoomStates Rooms => rooms;
    public RecommendationTraffic Traffic => traffic;
    public IOptions<RecommendationOptions> Options => options;

    /// <summary>The request's filter, well-formed and naming only values some song in the catalog has (errors name the parameter).</summary>
    public async Task<ListFilter> ReadFilterAsync(
        ValidationErrors errors, ListFilterQuery query, IReadOnlyList<string>? bodyExclude, CancellationToken cancellationToken)
    {
        var filter = ListFilter.Read(errors, query, bodyExclude);
        if (errors.IsEmpty && !filter.Songs.IsEmpty) (await popularity.GetAsync(cancellationToken)).Facets.Check(errors, filter.Songs);
        return filter;
    }
}
