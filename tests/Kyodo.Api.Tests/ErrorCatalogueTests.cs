using System.Collections;
using System.Reflection;
using Kyodo.Deployment.Tests.Support;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Api.Tests;

// Every error message a service sends is in Japanese and English: the services name a message of
// their catalogue (or the shared one) wherever they refuse, and every catalogue message has a
// Japanese text of its own.
public sealed class ErrorCatalogueTests
{
    // The four services, and the shared update-mask rule that refuses on their behalf.
    private static readonly string[] Services =
        ["Kyodo.Plan", "Kyodo.Budget", "Kyodo.Subsidy", "Kyodo.Reporting", "Kyodo.ServiceDefaults/Updates"];

    private static readonly Type[] Catalogues =
        [typeof(Plan.PlanErrors), typeof(Budget.BudgetErrors), typeof(Subsidy.SubsidyErrors), typeof(Reporting.ReportingErrors),
            typeof(SharedMessages),
         typeof(Kyodo.Japanese.ReadingMessages)];

    private static readonly string[] CatalogueNames = Catalogues.Select(c => c.Name).ToArray();

    [Fact]
    public void EveryMessageTheServicesHandToTheErrorHelpersNamesACatalogueMessage()
    {
        var calls = new List<string>();
        var untranslated = new List<string>();
        foreach (var service in Services)
        {
            var folder = Repo.PathOf($"services/{service}");
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                         .Where(f => !IsGenerated(Path.GetRelativePath(folder, f))))
            {
                var relative = Path.GetRelativePath(Repo.Root, file);
                foreach (var call in ErrorMessageSources.Calls(File.ReadAllText(file)))
                {
                    calls.Add(relative);
                    if (!ErrorMessageSources.NamesACatalogue(call.Message, CatalogueNames))
                        untranslated.Add($"{relative}:{call.Line} {call.Helper}: {call.Message}");
                }
            }
        }

        // The services refuse in well over a hundred places; far fewer found means the scan went blind.
        Assert.True(calls.Count > 150, $"only {calls.Count} error helper calls found in the services");
        Assert.True(untranslated.Count == 0, "messages written in place, not named from a catalogue:\n" + string.Join("\n", untranslated));
    }

    [Fact]
    public void EveryCatalogueMessageHasAJapaneseTextOfItsOwn()
    {
        var messages = Catalogues.SelectMany(Messages).ToList();
        Assert.True(messages.Count > 150, $"only {messages.Count} catalogue messages found");
        var notJapanese = messages
            .Where(m => m.Text.Japanese == m.Text.English || !m.Text.Japanese.Any(IsKana))
            .Select(m => $"{m.Name}: {m.Text.Japanese}")
            .ToList();
        Assert.True(notJapanese.Count == 0, "catalogue messages without a Japanese text:\n" + string.Join("\n", notJapanese));
    }

    [Theory]
    [InlineData("v.Check(ok, \"field\", \"must be more than 0 yen\");", "\"must be more than 0 yen\"")]
    [InlineData("v.Check(ok, $\"{path}.x\", $\"is not a {name} value\");", "$\"is not a {name} value\"")]
    [InlineData("throw new DomainRuleException(\"NO_LINE\",\n    $\"{p} names no line\", data);", "$\"{p} names no line\"")]
    [InlineData("throw new AlreadyExistsException(PlanErrors.X(a) + \" again\");", "PlanErrors.X(a) + \" again\"")]
    [InlineData("v.Check(ok, f, error ?? \"is not an amount\");", "error ?? \"is not an amount\"")]
    [InlineData("v.Check(ok, f, range);", "range")]
    [InlineData("new(\"ALREADY_AWARDED\", $\"{a} was awarded (1団体各コース1回まで).\");", "$\"{a} was awarded (1団体各コース1回まで).\"")]
    [InlineData("throw new RequestValidationException([new FieldViolation(\"report\", \"is required\")]);", "\"is required\"")]
    public void TheScanFindsAMessageWrittenInPlace(string source, string message)
    {
        var call = Assert.Single(ErrorMessageSources.Calls(source));
        Assert.Equal(message, call.Message);
        Assert.False(ErrorMessageSources.NamesACatalogue(call.Message, CatalogueNames));
    }

    [Theory]
    [InlineData("v.Check(ok, $\"{path}[{i}].x\", PlanErrors.NodeTwice);")]
    [InlineData("v.Check(ok, \"round\",\n    rounds == 0 ? SubsidyErrors.NoRounds(c.Name) : SubsidyErrors.RoundOutOf(rounds))")]
    [InlineData(
        "throw new DomainRuleException(\"X\", BudgetErrors.LineSettled(FiscalYear), new Dictionary<string, string> { [\"a\"] = \"b\" });")]
    [InlineData("v.Check(ok, \"status\", SharedMessages.NotAValueOf(\"ReviewStatus\"));")]
    [InlineData("v.Check(ok, \"x\", /* \"a comment\" */ ReportingErrors.ThresholdRange); // \"and another\"")]
    public void TheScanAcceptsACatalogueMessage(string source)
    {
        var call = Assert.Single(ErrorMessageSources.Calls(source));
        Assert.True(ErrorMessageSources.NamesACatalogue(call.Message, CatalogueNames), call.Message);
    }

    [Fact]
    public void TheScanTellsRequestValidationsCheckFromAnotherTypesStaticCheck() =>
        Assert.Empty(ErrorMessageSources.Calls("AwardRules.Check(application, course, request.AmountYen);"));

    private static bool IsGenerated(string relative) =>
        relative.Split(Path.DirectorySeparatorChar) is var parts
            && (parts.Contains("obj") || parts.Contains("bin") || parts.Contains("Migrations"));

    private static bool IsKana(char c) => c is >= '\u3040' and <= '\u30FF';

    /// <summary>Each Text a catalogue holds or makes: its fields, and each method called with sample arguments.</summary>
    private static IEnumerable<(string Name, Text Text)> Messages(Type catalogue)
    {
        foreach (var field in catalogue.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(Text)))
            yield return ($"{catalogue.Name}.{field.Name}", (Text)field.GetValue(null)!);
        foreach (var method in catalogue.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(Text)))
            yield return ($"{catalogue.Name}.{method.Name}",
                (Text)method.Invoke(null, method.GetParameters().Select(p => Sample(p.ParameterType)).ToArray())!);
        foreach (var property in catalogue.GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(Text)))
            yield return ($"{catalogue.Name}.{property.Name}", (Text)property.GetValue(null)!);
    }

    private static object Sample(Type type)
    {
        if (type == typeof(string)) return "20208";
        if (type == typeof(int)) return 2020;
        if (type == typeof(char)) return '▲';
        if (type == typeof(long)) return 150_000L;
        if (type == typeof(double)) return 1.5;
        if (type == typeof(decimal)) return 0.8m;
        if (type == typeof(bool)) return true;
        if (type == typeof(Guid)) return Guid.NewGuid();
        if (type == typeof(DateTimeOffset)) return DateTimeOffset.UtcNow;
        if (type == typeof(Text)) return new Text("予算行", "budget line");
        if (type == typeof(FieldViolation)) return new FieldViolation("id", SharedMessages.NotAUuid);
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
            throw new NotSupportedException($"No sample for {type}: add one here.");
        var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().Single();
        var items = Array.CreateInstance(element, 2);
        items.SetValue(Sample(element), 0);
        items.SetValue(Sample(element), 1);
        return items;
    }
}
