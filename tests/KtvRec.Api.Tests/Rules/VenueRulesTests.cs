using System.Net;
using System.Net.Http.Json;
using ChartList = KtvRec.Api.Charts.ChartResponse;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Rules;
using KtvRec.Api.Tests.Retraining;
using KtvRec.Api.Tests.Scaling;

namespace KtvRec.Api.Tests.Rules;

/// <summary>The small venue's first model, trained and serving, with the venue's rules applied to its lists; on two nodes for a block.</summary>
public sealed class VenueRulesTests
{
    [Fact]
    public async Task PromotedSongsHoldTheirShareInTheModelsOrderAndAPinnedSongHoldsItsPlaceForItsPeriod()
    {
        var (app, client) = await TrainedVenue.ServingAsync(("KtvRec:Recommendations:PromotedShare", "0.25"));
        await using var _ = app;
        var before = await ListAsync(client, "/recommendations/u00004?count=20");
        // The venue's six least popular songs: none would be on the list by itself.
        var lastOfMonth = (await client.GetFromJsonAsync<ChartList>("/charts?period=month&count=100"))!.Items.Select(i => i.SongId).ToHashSet();
        var promoted = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/first-visit?count=100"))!.Items
            .Select(i => i.SongId).Where(id => !before.Items.Any(i => i.SongId == id) && !lastOfMonth.Contains(id)).TakeLast(6).ToList();
        Assert.Equal(6, promoted.Count);
        foreach (var song in promoted) await AddAsync(client, new { kind = "promote", songId = song, note = "new release" });

        var list = await ListAsync(client, "/recommendations/u00004?count=20");

        var featured = list.Items.Where(i => i.Reasons[0].Kind == ReasonKinds.Promoted).ToList();
        Assert.Equal([2, 6, 10, 14, 18], featured.Select(i => i.Rank));
        Assert.All(featured, item => Assert.Contains(item.SongId, promoted));
        Assert.Equal(featured.Select(i => i.Score).OrderDescending(), featured.Select(i => i.Score));
        // The rest is the list as it was, in its order.
        Assert.Equal(before.Items.Select(i => i.SongId).Take(15), list.Items.Except(featured).Select(i => i.SongId));
        var room = await client.GetFromJsonAsync<RoomRecommendationResponse>(
            $"/sessions/{await SessionAsync(client)}/recommendations?count=8");
        Assert.Equal(2, room!.Items.Count(i => i.Reasons[0].Kind == ReasonKinds.Promoted));

        var pinned = await AddAsync(client, new { kind = "pin", songId = promoted[0], position = 1, endsAt = DateTimeOffset.UtcNow.AddHours(1) });
        await AddAsync(client, new { kind = "pin", songId = before.Items[5].SongId, position = 1, startsAt = DateTimeOffset.UtcNow.AddDays(1) });
        var withPin = await ListAsync(client, "/recommendations/u00004?count=20");
        Assert.Equal((promoted[0], ReasonKinds.Pinned), (withPin.Items[0].SongId, withPin.Items[0].Reasons[0].Kind));
        Assert.Equal(5, withPin.Items.Count(i => i.Reasons[0].Kind == ReasonKinds.Promoted));

        (await client.DeleteAsync($"/admin/rules/{pinned.Id}")).EnsureSuccessStatusCode();
        Assert.NotEqual(promoted[0], (await ListAsync(client, "/recommendations/u00004?count=20")).Items[0].SongId);
        var rules = await client.GetFromJsonAsync<RuleListResponse>("/rules");
        Assert.Equal(7, rules!.Rules.Count);
        Assert.Single(rules.Rules, r => r.Kind == "pin" && !r.Active);
        Assert.Equal(8, (await client.GetFromJsonAsync<RuleListResponse>("/rules?removed=true"))!.Rules.Count);
    }

    [Fact]
    public async Task ABlockedSongIsOnNoListChartOrSimilarListOnEitherNodeWithinTheStateSync()
    {
        await using var nodes = new TwoNodesInProcess(("KtvRec:Training:GateTolerance", "0.5"));
        var (a, b) = (nodes.A, nodes.B);
        var run = await TrainedVenue.RetrainAsync(a);
        Assert.Equal("active", run.Status);
        // Both nodes serve it (the registry says active a moment before the training node swaps it in; the other syncs).
        foreach (var node in new[] { a, b })
            await TrainedVenue.ServesWithinAsync(node, run.Version);
        var session = (await (await a.PostAsJsonAsync("/sessions", new { room = "room-01", userIds = new[] { "u00004", "u00007" } }))
            .ReadAsync<KtvRec.Api.Sessions.SessionResponse>()).Id;

        // The venue's most sung song this month, and a song whose similar list holds it.
        var top = (await a.GetFromJsonAsync<ChartList>("/charts?period=month"))!.Items[0].SongId;
        var neighbour = (await a.GetFromJsonAsync<SimilarSongsResponse>($"/songs/{top}/similar?count=1"))!.Items[0].SongId;
        async Task<List<string>> EverywhereAsync(HttpClient node) =>
        [
            .. (await node.GetFromJsonAsync<ChartList>("/charts?period=month&count=100"))!.Items.Select(i => i.SongId),
            .. (await node.GetFromJsonAsync<SimilarSongsResponse>($"/songs/{neighbour}/similar?count=100"))!.Items.Select(i => i.SongId),
            .. (await node.GetFromJsonAsync<RoomRecommendationResponse>($"/sessions/{session}/recommendations?count=100"))!.Items.Select(i => i.SongId),
            .. (await node.GetFromJsonAsync<RecommendationResponse>("/recommendations/first-visit?count=100"))!.Items.Select(i => i.SongId),
            .. (await node.GetFromJsonAsync<RecommendationResponse>($"/recommendations/u00004?count=100&sessionId={session}"))!.Items.Select(i => i.SongId),
        ];
        Assert.Contains(top, await EverywhereAsync(b));

        var rule = await AddAsync(a, new { kind = "block", songId = top, note = "licence expired" });

        Assert.DoesNotContain(top, await EverywhereAsync(a));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && (await EverywhereAsync(b)).Contains(top)) await Task.Delay(200);
        Assert.DoesNotContain(top, await EverywhereAsync(b));

        (await b.DeleteAsync($"/admin/rules/{rule.Id}")).EnsureSuccessStatusCode();
        Assert.Contains(top, await EverywhereAsync(b));
    }

    [Fact]
    public async Task ARuleAskedWrongIsABadRequestNamingTheFieldAndAnUnknownRuleA404()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings());
        var client = app.CreateClient();

        async Task<string[]> ErrorsAsync(object rule, string field) =>
            (await (await client.PostAsJsonAsync("/admin/rules", rule)).AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor(field);

        Assert.Contains("block, promote or pin", (await ErrorsAsync(new { kind = "boost", songId = "s00001" }, "kind"))[0]);
        Assert.Contains("required for a pin", (await ErrorsAsync(new { kind = "pin", songId = "s00001" }, "position"))[0]);
        Assert.Contains("only to a pin", (await ErrorsAsync(new { kind = "block", songId = "s00001", position = 3 }, "position"))[0]);
        Assert.Contains("not in the catalog", (await ErrorsAsync(new { kind = "block", songId = "s99999" }, "songId"))[0]);
        Assert.NotEmpty(await ErrorsAsync(new { kind = "block", songId = "s00001", startsAt = "2030-01-02T00:00:00Z", endsAt = "2030-01-01T00:00:00Z" }, "endsAt"));
        await (await client.DeleteAsync("/admin/rules/rule-none")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<RuleResponse> AddAsync(HttpClient client, object rule) =>
        await (await client.PostAsJsonAsync("/admin/rules", rule)).ReadAsync<RuleResponse>();

    private static async Task<RecommendationResponse> ListAsync(HttpClient client, string url) => (await client.GetFromJsonAsync<RecommendationResponse>(url))!;

    private static async Task<string> SessionAsync(HttpClient client) =>
        (await (await client.PostAsJsonAsync("/sessions", new { room = "room-03", userIds = new[] { "u00004", "u00009" } }))
            .ReadAsync<KtvRec.Api.Sessions.SessionResponse>()).Id;
}
