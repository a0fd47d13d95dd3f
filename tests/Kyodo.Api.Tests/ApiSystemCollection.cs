namespace Kyodo.Api.Tests;

[CollectionDefinition(Name)]
public sealed class ApiSystemCollection : ICollectionFixture<ApiSystemFixture>
{
    public const string Name = "api system";
}
