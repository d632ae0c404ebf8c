using KtvRec.Training.Data;
using KtvRec.Training.Features;

namespace KtvRec.Training.Tests.Data;

public sealed class FeatureSpaceTests
{
    private static readonly string[] Fields = ["user", "song"];

    [Fact]
    public void RareAndUnseenTokensShareTheirFieldsOutOfVocabularyIndex()
    {
        RawRow Row(string user, string song) => new(1, [new RawFeature(0, user), new RawFeature(1, song)]);
        var space = FeatureSpace.Fit(Fields, [Row("alice", "s1"), Row("alice", "s2"), Row("bob", "s1")], minCount: 2);

        Assert.NotEqual(space.OutOfVocabulary[0], space.IndexOf(0, "alice"));
        Assert.Equal(space.OutOfVocabulary[0], space.IndexOf(0, "bob"));
        Assert.Equal(space.OutOfVocabulary[0], space.IndexOf(0, "carol"));
        Assert.Equal(space.OutOfVocabulary[1], space.IndexOf(1, "s2"));
        Assert.NotEqual(space.OutOfVocabulary[0], space.OutOfVocabulary[1]);
        Assert.Equal(FeatureSpace.PaddingIndex + 5, space.Size);
    }

    [Fact]
    public void AGrownVocabularyKeepsEveryIndexAndItsNewTokensStartFromTheirFieldsOutOfVocabularyIndex()
    {
        RawRow Row(string user, string song) => new(1, [new RawFeature(0, user), new RawFeature(1, song)]);
        var space = FeatureSpace.Fit(Fields, [Row("alice", "s1"), Row("alice", "s2"), Row("bob", "s1")], minCount: 2);

        var (grown, startFrom) = space.Extend([(new RawFeature(0, "carol"), 3), (new RawFeature(1, "s9"), 2), (new RawFeature(1, "s8"), 1), (new RawFeature(0, "alice"), 5)]);

        Assert.Equal(space.IndexOf(0, "alice"), grown.IndexOf(0, "alice"));
        Assert.Equal(space.IndexOf(1, "s1"), grown.IndexOf(1, "s1"));
        Assert.Equal(space.OutOfVocabulary, grown.OutOfVocabulary);
        Assert.Equal((space.Size, space.Size + 1, space.Size + 2), (grown.IndexOf(0, "carol"), grown.IndexOf(1, "s9"), grown.Size));
        Assert.Equal(grown.OutOfVocabulary[1], grown.IndexOf(1, "s8"));
        Assert.Equal([.. Enumerable.Range(0, space.Size), space.OutOfVocabulary[0], space.OutOfVocabulary[1]], startFrom);
    }

    [Fact]
    public void EncodingPadsShortRowsWithZeroValues()
    {
        var rows = new[]
        {
            new RawRow(1, [new RawFeature(0, "a"), new RawFeature(1, "x", 0.5f), new RawFeature(1, "y", 0.5f)]),
            new RawRow(0, [new RawFeature(0, "b")]),
        };
        var space = FeatureSpace.Fit(Fields, rows, minCount: 1);

        var table = FeatureTable.Encode(space, rows, slots: 3);

        Assert.Equal([1f, 0f], table.Labels);
        Assert.Equal([space.IndexOf(0, "b"), FeatureSpace.PaddingIndex, FeatureSpace.PaddingIndex], table.Indices[3..6]);
        Assert.Equal([1f, 0f, 0f], table.Values[3..6]);
        Assert.Equal([0, 1, 1], table.Fields[..3]);
    }

    /// <summary>The ranker's rows count their vocabulary by parts (a song's side once for all its rows): the same as the rows made whole.</summary>
    [Fact]
    public void TheVocabularyCountedBySidesIsTheOneTheWholeRowsGive()
    {
        var rows = SmallVenue.RankerRows(SmallVenue.Snapshot);

        foreach (var minCount in new[] { 1, 2, 5 })
        {
            var counted = rows.FitSpace(minCount);
            var whole = FeatureSpace.Fit(KtvFeatures.Fields, rows.Raw(), minCount);
            Assert.Equal(whole.Size, counted.Size);
            Assert.Equal(whole.Tokens, counted.Tokens);
        }
    }
}
