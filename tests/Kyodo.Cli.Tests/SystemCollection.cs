namespace Kyodo.Cli.Tests;

/// <summary>One running system for every test that needs one (starting it takes most of a test run).</summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<KyodoSystem>
{
    public const string Name = "kyodo system";
}
