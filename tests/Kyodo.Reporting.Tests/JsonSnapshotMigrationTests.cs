using System.Text.Json;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// Upgrading a reporting database that holds items, programs and goals as JSON snapshots (the
/// schema before RelationalReadModels) keeps them: the migration writes the rows the writer would
/// write for the same snapshots, so reports answer as before without a rebuild.
/// </summary>
public sealed class JsonSnapshotMigrationTests
{
    private const string Before = "20261201230940_ContentsDeletedWithTheirPlan";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly ItemSnapshot Item = new(Guid.NewGuid(), Guid.NewGuid(), 3, "協働のまちづくり研修", "Continuing",
        [new DepartmentInCharge(Guid.NewGuid(), "協働推進課"), new DepartmentInCharge(Guid.NewGuid(), "企画課")], ["行政", "市民"],
            ["Citizens", "Other"], "小学4年生",
        "目的", "現状", "内容", "完了", "効果", 1, 3, "Partly", ["行政改革大綱推進計画"], [new YearText(2020, "全地区で実施")], "特記",
        [new PlacementSnapshot(Guid.NewGuid(), "④", true, "Ⅱ-(3)-④"), new PlacementSnapshot(Guid.NewGuid(), "①", false, "Ⅳ-(2)-①")],
        [new ScheduleCellSnapshot(1, "・研修", 2020, ["検討"]), new ScheduleCellSnapshot(1, "・研修", 2021, ["実施", "完了予定"]),
            new ScheduleCellSnapshot(2, "・啓発", 2021, [])],
        [new IndicatorSnapshot(Guid.NewGuid(), "Outcome", "参加者数", "人", "HigherIsBetter", 12.5m, 2019,
            [new YearValue(2020, 10), new YearValue(2021, 13)], [new YearValue(2020, 11)])]);

    private static readonly SubsidyProgramChanged Program = new(Guid.Empty, default, "20323", Guid.NewGuid(), "まちづくり活動補助金", "地域の活動を支える",
        [new CourseSnapshot(Guid.NewGuid(), "ステップアップ", 150_000, true, 0), new CourseSnapshot(Guid.NewGuid(), "チャレンジ", 200_000, true, 3)],
        [new ProgramBudgetLineSnapshot(2020, Guid.NewGuid()), new ProgramBudgetLineSnapshot(2021, Guid.NewGuid())], 2, false);

    private static readonly PriorityGoalChanged Goal = new(Guid.Empty, default, "20323", Guid.NewGuid(), Guid.NewGuid(), "地域振興課", 2018, 1,
        "地域の担い手育成", "",
        [new PriorityGoalItemSnapshot("①", "研修会の開催", "年度末まで", "達成"), new PriorityGoalItemSnapshot("②", "団体の登録", "2団体以上", "")], 1, false);

    [Fact]
    public async Task ItemsProgramsAndGoalsHeldAsJsonSnapshotsBecomeTheRowsTheWriterWritesForThem()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var database = await TestDatabase.CreateAsync(infrastructure, "r_migrate");
        await using var db = new ReportingDbContext(new DbContextOptionsBuilder<ReportingDbContext>()
            .UseNpgsql(database.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);
        var at = new DateTimeOffset(2021, 4, 1, 0, 0, 0, TimeSpan.Zero);
        // As the old writer stored them: the snapshots in camelCase JSON, in municipality 20323.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO items (item_id, municipality_code, plan_id, lead_department_id, title, snapshot_json, revision, deleted, as_of)
            VALUES ({Item.ItemId}, '20323', {Item.PlanId}, {Item.Departments[0].DepartmentId}, {Item.Title},
                {JsonSerializer.Serialize(Item, Web)}::jsonb, 3, false, {at})
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO subsidy_programs (program_id, municipality_code, name, snapshot_json, revision, deleted, as_of)
            VALUES ({Program.ProgramId}, '20323', {Program.Name}, {JsonSerializer.Serialize(Program, Web)}::jsonb, 2, false, {at})
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO priority_goals (goal_id, municipality_code, department_id, department_name, fiscal_year, position, title,
                items_json, revision, deleted, as_of)
            VALUES ({Goal.GoalId}, '20323', {Goal.DepartmentId}, {Goal.DepartmentName}, 2018, 1, {Goal.Title},
                {JsonSerializer.Serialize(Goal.Items, Web)}::jsonb, 1, false, {at})
            """);

        await migrator.MigrateAsync();

        // The same snapshots through today's writer, in municipality 20324.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var writer = new ReadModelWriter(db);
            await writer.ItemAsync("20324", at, Item, default);
            await writer.ApplyAsync(Program with { MunicipalityCode = "20324" }, default);
            await writer.ApplyAsync(Goal with { MunicipalityCode = "20324" }, default);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        db.ChangeTracker.Clear();
        Assert.Equal(await RowsAsync(db, "20324"), await RowsAsync(db, "20323"));
        // not comparing nothing with nothing
        Assert.Equal(9, (await RowsAsync(db, "20323")).Count(r => r.StartsWith("item", StringComparison.Ordinal)));
    }

    /// <summary>Every row the migration fills of one municipality, as JSON without the municipality, table by table.</summary>
    private static async Task<List<string>> RowsAsync(ReportingDbContext db, string code)
    {
        string Json<T>(string table, T row) => $"{table} {JsonSerializer.Serialize(row).Replace(code, "<municipality>")}";
        var item = await db.Items.AsNoTracking().SingleAsync(i => i.MunicipalityCode == code);
        var program = await db.SubsidyPrograms.AsNoTracking().SingleAsync(p => p.MunicipalityCode == code);
        List<string> rows =
        [
            Json("item", new { item.Title, item.Novelty, item.ImplementingBodies, item.TargetStakeholders, item.TargetOther, item.Purpose,
                item.CurrentState, item.Content,
                item.CompletionCriterion, item.ExpectedEffects, item.Rank, item.RankOf, item.MayoralPledge, item.LinkedPlans,
                item.SpecialNotes, item.PrimaryNodeId }),
            Json("program", new { program.Name, program.Description }),
            .. (await db.ItemDepartments.AsNoTracking().Where(r => r.MunicipalityCode == code).OrderBy(r => r.Position)
                .ToListAsync()).Select(r => Json("item_departments", r)),
            .. (await db.Placements.AsNoTracking().Where(r => r.MunicipalityCode == code).OrderBy(r => r.Position).ToListAsync()).Select(
                r => Json("item_placements", r)),
            .. (await db.ScheduleCells.AsNoTracking().Where(r => r.MunicipalityCode == code).OrderBy(r => r.Row).ThenBy(r => r.FiscalYear)
                .ToListAsync())
                .Select(r => Json("item_schedule_cells", r)),
            .. (await db.YearlyGoals.AsNoTracking().Where(r => r.MunicipalityCode == code).ToListAsync()).Select(
                r => Json("item_yearly_goals", r)),
            .. (await db.Indicators.AsNoTracking().Where(r => r.MunicipalityCode == code).ToListAsync()).Select(r => Json("indicators", r)),
            .. (await db.IndicatorValues.AsNoTracking().Where(r => r.MunicipalityCode == code).OrderBy(r => r.FiscalYear)
                .ToListAsync()).Select(r => Json("indicator_values", r)),
            .. (await db.Courses.AsNoTracking().Where(r => r.MunicipalityCode == code).OrderBy(r => r.Position).ToListAsync()).Select(
                r => Json("subsidy_courses", r)),
            .. (await db.ProgramLines.AsNoTracking().Where(r => r.MunicipalityCode == code).OrderBy(r => r.FiscalYear)
                .ToListAsync()).Select(r => Json("program_budget_lines", r)),
            .. (await db.PriorityGoalItems.AsNoTracking().Where(r => r.MunicipalityCode == code).OrderBy(r => r.Position)
                .ToListAsync()).Select(r => Json("priority_goal_items", r)),
        ];
        return rows;
    }
}
