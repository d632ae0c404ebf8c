namespace KtvRec.Api.Tests;

/// <summary>
/// Tests that train models, publish the service or load it hard run one after another: on two cores, several at once
/// would starve each other (and share libtorch's process-wide random generator), making timings meaningless.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HeavyTests
{
    public const string Name = "heavy";
}
