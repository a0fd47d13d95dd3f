using System.Text.Json.Nodes;
using Kyodo.Contracts;

namespace Kyodo.Api.Tests;

// Each published event is a versioned contract for other city systems: its
// exchange name carries the version, its schema is committed in events/schemas/, and a change a
// subscriber could not read fails here unless it is a new version.
public sealed class EventContractTests
{
    public static TheoryData<string> Contracts() => new(EventContracts.All.Select(t => t.FullName!));

    private static Type Contract(string name) => EventContracts.All.Single(t => t.FullName == name);

    [Theory]
    [MemberData(nameof(Contracts))]
    public void EveryEventsRecordStillReadsAsItsCommittedSchemaSays(string name)
    {
        var contract = Contract(name);
        var path = EventSchemas.CommittedPath(contract);
        if (Environment.GetEnvironmentVariable("KYODO_WRITE_EVENT_SCHEMAS") == "1" && !File.Exists(path))
            File.WriteAllText(path, EventSchemas.Text(EventSchemas.Generate(contract)));
        Assert.True(File.Exists(path), $"{path} is missing: a new event needs its schema (KYODO_WRITE_EVENT_SCHEMAS=1 writes it)");

        var problems = EventSchemas.Incompatibilities(JsonNode.Parse(File.ReadAllText(path))!, EventSchemas.Generate(contract));
        Assert.True(problems.Count == 0,
            $"{contract.Name} changed in a way its subscribers cannot read; keep this record as it was and publish the change as a new " +
            $"record with [ContractVersion({EventContracts.VersionOf(contract) + 1})] (events/README.md):\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void EveryEventsCommittedSchemaIsTheOneGeneratedFromItsRecord(string name)
    {
        // Compatible additions still have to reach subscribers: the committed file says what is sent.
        var contract = Contract(name);
        var generated = EventSchemas.Text(EventSchemas.Generate(contract));
        var path = EventSchemas.CommittedPath(contract);
        if (Environment.GetEnvironmentVariable("KYODO_WRITE_EVENT_SCHEMAS") == "1") File.WriteAllText(path, generated);
        Assert.True(File.Exists(path) && File.ReadAllText(path) == generated,
            $"{path} is not the schema of {contract.Name} as it is now: run the tests with KYODO_WRITE_EVENT_SCHEMAS=1 and "
            + $"commit the change");
    }

    [Fact]
    public void EverySchemaInTheFolderBelongsToAPublishedEvent()
    {
        var expected = EventContracts.All.Select(t => Path.GetFileName(EventSchemas.CommittedPath(t))).Order(StringComparer.Ordinal);
        var committed = Directory.GetFiles(EventSchemas.Folder, "*.schema.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(expected, committed);
    }

    [Fact]
    public void ARemovedRenamedOrNowNullablePropertyIsIncompatible()
    {
        // The check above can fail: an ApplicationStatusChanged whose awardedYen is gone, whose
        // applicantName may be null and whose fiscalYear became a string.
        var committed = EventSchemas.Generate(typeof(Kyodo.Contracts.Subsidy.ApplicationStatusChanged));
        var changed = (JsonObject)committed.DeepClone();
        var properties = (JsonObject)changed["properties"]!;
        properties.Remove("awardedYen");
        properties["applicantName"] = new JsonObject { ["type"] = new JsonArray("string", "null") };
        properties["fiscalYear"] = new JsonObject { ["type"] = "string" };

        var problems = EventSchemas.Incompatibilities(committed, changed);

        Assert.Contains("$.awardedYen: removed", problems);
        Assert.Contains(problems, p => p.StartsWith("$.applicantName: may now be null", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.fiscalYear: may now be string", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAddedPropertyIsCompatible()
    {
        var committed = EventSchemas.Generate(typeof(Kyodo.Contracts.Subsidy.ApplicationStatusChanged));
        var changed = (JsonObject)committed.DeepClone();
        ((JsonObject)changed["properties"]!)["reviewer"] = new JsonObject { ["type"] = "string" };
        Assert.Empty(EventSchemas.Incompatibilities(committed, changed));
    }

    [Fact]
    public void EveryExchangeNameCarriesTheAreaAndVersionOfItsContract()
    {
        Assert.Equal("kyodo.subsidy.v1.ApplicationStatusChanged",
            EventContracts.ExchangeName(typeof(Kyodo.Contracts.Subsidy.ApplicationStatusChanged)));
        Assert.All(EventContracts.All,
            t => Assert.Matches(@"^kyodo\.(plan|budget|subsidy)\.v[1-9][0-9]*\.[A-Z][A-Za-z]+$", EventContracts.ExchangeName(t)));
    }
}
