using Google.Protobuf.WellKnownTypes;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Updates;

namespace Kyodo.ServiceDefaults.Tests;

// An update changes the leaves its mask names, the fields its REST body holds, or (gRPC, no mask)
// those it sets; every other field keeps the stored value.
public sealed class UpdateRuleTests
{
    private static readonly UpdateRule Rule =
        new(UpdateIndicatorRequest.Descriptor, ["indicator.*"], new Dictionary<string, Kyodo.Security.Text>
        {
            ["indicator.targets"] = "targets change by ReviseTarget",
            ["indicator.actuals"] = "actuals change by RecordActual",
        });

    private static UpdateIndicatorRequest Stored() => new()
    {
        Indicator = new IndicatorInput
        {
            Kind = IndicatorKind.Outcome, Name = "地域交流センター数", Unit = "箇所", Direction = IndicatorDirection.HigherIsBetter,
            BaselineValue = "0", BaselineFiscalYear = "2007",
        },
    };

    private static IReadOnlyDictionary<string, string> Refusal(Action resolve) =>
        Assert.Throws<RequestValidationException>(resolve).Violations.ToDictionary(
            v => v.Field + ":" + v.Description[..Math.Min(30, v.Description.Length)], v => v.Description);

    [Fact]
    public void AMaskedLeafIsTakenFromTheRequestAndEveryOtherFromTheStoredRecord()
    {
        var request = new UpdateIndicatorRequest
        {
            IndicatorId = "8b0e", ItemVersion = 7, Indicator = new IndicatorInput { Unit = "館", Name = "" },
            UpdateMask = new FieldMask { Paths = { "indicator.unit" } },
        };

        var merged = Rule.Apply(request, Stored());

        var expected = Stored();
        expected.Indicator.Unit = "館";
        expected.IndicatorId = "8b0e";
        expected.ItemVersion = 7;
        expected.UpdateMask = new FieldMask { Paths = { "indicator.unit" } };
        Assert.Equal(expected, merged);
    }

    [Fact]
    public void AMessageAboveLeavesOrAStarNamesEachLeafButNeverTheFixedOnes()
    {
        Assert.Equal(
            ["indicator.kind", "indicator.name", "indicator.unit", "indicator.direction", "indicator.baseline_value",
                "indicator.baseline_fiscal_year"],
            Rule.Resolve(new UpdateIndicatorRequest { UpdateMask = new FieldMask { Paths = { "*" } } }));
        Assert.Equal(Rule.Leaves, Rule.Resolve(new UpdateIndicatorRequest { UpdateMask = new FieldMask { Paths = { "indicator" } } }));
    }

    [Fact]
    public void WithoutAMaskARestBodyNamesWhatItHoldsInJsonOrProtoNames()
    {
        Assert.Equal(["indicator.unit", "indicator.baseline_fiscal_year"],
            Rule.Resolve(new UpdateIndicatorRequest(), ["itemVersion", "indicator.baselineFiscalYear", "indicator.unit"]));
    }

    [Fact]
    public void WithoutAMaskAGrpcCallNamesTheLeavesItSetsAndIgnoresFixedOnes()
    {
        var request = new UpdateIndicatorRequest
        {
            Indicator = new IndicatorInput
            {
                Name = "地域交流センター設置数", Direction = IndicatorDirection.LowerIsBetter,
                Targets = { new YearValueInput { FiscalYear = "2009", Value = "3" } }
            },
        };

        Assert.Equal(["indicator.name", "indicator.direction"], Rule.Resolve(request));
    }

    [Fact]
    public void UnknownFixedControlAndPartialPathsAreEachRefusedByName()
    {
        var refused = Refusal(() => Rule.Resolve(new UpdateIndicatorRequest
        {
            UpdateMask = new FieldMask { Paths = { "indicator.colour", "indicator.targets", "item_version", "indicator.unit.x" } },
        })).Values.ToList();

        Assert.Equal(4, refused.Count);
        Assert.Contains(refused, d => d.StartsWith("'indicator.colour' is not a field of UpdateIndicatorRequest"));
        Assert.Contains(refused, d => d == "'indicator.targets' cannot be changed here: targets change by ReviseTarget");
        Assert.Contains(refused, d => d.StartsWith("'item_version' is not a field to change"));
        Assert.Contains(refused, d => d.StartsWith("'indicator.unit.x' is part of indicator.unit"));
    }

    [Fact]
    public void ARestBodyHoldingAFixedFieldIsRefusedAndOneHoldingNothingToChangeToo()
    {
        Assert.Single(Refusal(() => Rule.Resolve(new UpdateIndicatorRequest(), ["indicator.targets"])));
        Assert.Contains("names no field to change",
            Refusal(() => Rule.Resolve(new UpdateIndicatorRequest(), ["itemVersion"])).Values.Single());
    }

    [Fact]
    public void ALongUnknownPathIsEchoedCut()
    {
        var path = new string('x', 10_000);

        var description =
            Refusal(() => Rule.Resolve(new UpdateIndicatorRequest { UpdateMask = new FieldMask { Paths = { path } } })).Values.Single();

        Assert.Contains("(10,000 characters)", description);
        Assert.True(description.Length < 400);
    }
}
