using KtvRec.Domain;
using KtvRec.Training.Data;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Models;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Scoring;
using KtvRec.Training.Trainer;
using static TorchSharp.torch;

namespace KtvRec.Training.Tests.Models;

public sealed class SharedScoringTests
{
    [Theory]
    [InlineData(ModelKind.Lr)]
    [InlineData(ModelKind.Fm)]
    [InlineData(ModelKind.DeepFm)]
    public void ScoringWithPreparedSongSidesInManagedCodeGivesTheModelsOwnScoresOfTheWholeRows(ModelKind kind)
    {
        var data = SmallVenue.Dataset.Value;
        using var trained = RandomModel(kind);
        var model = trained.Model;
        var user = SmallVenue.Snapshot.Users[3];
        var songs = SmallVenue.Snapshot.Songs.Take(120).ToList();
        var recent = SmallVenue.Snapshot.Songs.Skip(200).Take(7).Select(s => s.Id).ToList();
        var context = PlayContext.At(new DateTime(2026, 12, 1, 21, 0, 0, DateTimeKind.Utc), 4);

        // The last 20 songs are not prepared, as a song added after the model started serving.
        var scorer = CatalogScorer.Build(model, trained.Space, songs.Take(100).ToList());
        var shared = scorer.Score(scorer.Prepare(user, user.Id, context, recent), songs);
        var whole = Predictor.Predict(model, FeatureTable.Encode(
            data.Space, songs.Select(song => KtvFeatures.Row(user, user.Id, song, context, label: 0, recent)).ToList(), KtvFeatures.Slots));

        Assert.Equal(whole.Length, shared.Length);
        for (var i = 0; i < whole.Length; i++) Assert.Equal(whole[i], shared[i], 1e-5f);
        Assert.True(whole.Distinct().Count() > 100, "the songs score differently");
    }

    [Fact]
    public void ScoringARoomsMembersInOneBatchGivesEachMemberTheScoresOfTheirOwn()
    {
        using var trained = RandomModel(ModelKind.DeepFm);
        var scorer = CatalogScorer.Build(trained.Model, trained.Space, SmallVenue.Snapshot.Songs);
        var members = ThreeMembers(scorer, PlayContext.At(new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc), 3));
        // More pairs than the DNN takes at a time, so a batch of it holds the end of one member and the start of the next.
        var rows = Enumerable.Range(0, 300).Select(i => i * 7 % scorer.Count).ToList();

        var batch = scorer.Score(members, rows);

        Assert.Equal(members.Length, batch.Length);
        for (var m = 0; m < members.Length; m++)
        {
            var own = scorer.Score(members[m], rows);
            Assert.Equal(own.Length, batch[m].Length);
            for (var i = 0; i < own.Length; i++) Assert.Equal(own[i], batch[m][i], 1e-6f);
        }
        Assert.NotEqual(batch[0], batch[1]);
    }

    [Fact]
    public void HowMuchThePartySizeLiftsASongIsItsScoreAgainstItsScoreWithThePartySizeUnknown()
    {
        using var trained = RandomModel(ModelKind.DeepFm);
        var user = SmallVenue.Snapshot.Users[3];
        var songs = SmallVenue.Snapshot.Songs.Take(100).ToList();
        var recent = SmallVenue.Snapshot.Songs.Skip(200).Take(7).Select(s => s.Id).ToList();
        var at = new DateTime(2026, 12, 1, 21, 0, 0, DateTimeKind.Utc);
        var scorer = CatalogScorer.Build(trained.Model, trained.Space, songs);
        var side = scorer.Prepare(user, user.Id, PlayContext.At(at, 4), recent);
        var scores = scorer.Score(side, songs);

        var fits = scorer.ContextFits(side, PlayContext.At(at, 4), [.. songs.Select(s => scorer.RowOf(s.Id))], scores, minimumLift: 0.01f);

        // A room of no one known: the party size is "?", as the fits' baseline has it.
        var unknown = scorer.Score(scorer.Prepare(user, user.Id, PlayContext.At(at, 0), recent), songs);
        var party = Enumerable.Range(0, songs.Count).Where(i => fits[i]?.Field == "party_size").ToList();
        Assert.NotEmpty(party);
        foreach (var i in party) Assert.Equal(scores[i] - unknown[i], fits[i]!.Lift, 1e-4f);
        Assert.All(fits.OfType<ContextFit>(), fit => Assert.True(fit.Lift >= 0.01f));
    }

    [Fact]
    public void ARoomsRetrievalOverItsMembersAverageIsEachMembersOwnWhenTheyAreAlike()
    {
        using var trained = RandomModel(ModelKind.DeepFm);
        var songs = SmallVenue.Snapshot.Songs;
        var context = PlayContext.At(new DateTime(2026, 12, 1, 21, 0, 0, DateTimeKind.Utc), 2);
        var scorer = CatalogScorer.Build(trained.Model, trained.Space, songs);
        var stranger = scorer.Prepare(null, "stranger", context, [songs[5].Id, songs[9].Id]);
        var other = scorer.Prepare(null, "other", context, [songs[40].Id]);

        Assert.Equal(scorer.Top(stranger, 20), scorer.Top([stranger, stranger], 20));
        Assert.NotEqual(scorer.Top(stranger, 20), scorer.Top([stranger, other], 20));
    }

    /// <summary>A room of two regulars and a stranger, each with songs of their own.</summary>
    private static CatalogScorer.UserSide[] ThreeMembers(CatalogScorer scorer, PlayContext context)
    {
        var (users, songs) = (SmallVenue.Snapshot.Users, SmallVenue.Snapshot.Songs);
        return
        [
            scorer.Prepare(users[1], users[1].Id, context, [songs[3].Id, songs[8].Id]),
            scorer.Prepare(users[2], users[2].Id, context, []),
            scorer.Prepare(null, "stranger", context, [songs[40].Id]),
        ];
    }

    /// <summary>A model over the small venue's vocabulary with weights far from their near-zero start, so every term counts.</summary>
    internal static TrainedModel RandomModel(ModelKind kind)
    {
        var data = SmallVenue.Dataset.Value;
        var shape = new ModelShape(kind, data.Space.Size, data.Space.FieldCount, 8, [16, 16], 0.2);
        var model = CtrModel.Create(shape);
        using (no_grad())
        {
            random.manual_seed(5);
            foreach (var parameter in model.parameters()) parameter.normal_(0, 0.5);
            // Batch normalisation's running statistics too, so its folding into the layer before is checked.
            foreach (var (name, buffer) in model.named_buffers())
            {
                if (name.EndsWith("running_mean")) buffer.normal_(0, 0.5);
                if (name.EndsWith("running_var")) buffer.uniform_(0.5, 2);
            }
        }
        model.eval();
        var metadata = new ModelMetadata("test", shape, KtvFeatures.Slots, new TrainerOptions(), new Dictionary<string, double>(), null, null, DateTime.UtcNow, 0, 0, "test");
        return new TrainedModel(model, data.Space, metadata, SongNeighbours.Empty);
    }
}
