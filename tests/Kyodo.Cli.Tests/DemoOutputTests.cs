using Xunit.Abstractions;

namespace Kyodo.Cli.Tests;

/// <summary>
/// The two commands the README shows, run on the seed dataset; their output is printed (dotnet
/// test --logger "console;verbosity=detailed") so the README can show it as it is.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DemoOutputTests(KyodoSystem system, ITestOutputHelper output)
{
    [Fact]
    public async Task YamaguchiScheduleTablePrints()
    {
        Assert.Equal(0, (await system.RunAsync("import", SeedDataset.Folder)).ExitCode);
        var row = await Reports.RowAsync(system, ["schedule-table", "--municipality", "35203", "--plan", "山口市協働推進プラン"], "Ⅰ-(1)-①", _ => true);
        var run = await system.RunAsync("report", "schedule-table", "--municipality", "35203", "--plan", "山口市協働推進プラン");
        output.WriteLine(run.Out);
        Assert.NotEmpty(row);
    }
}
