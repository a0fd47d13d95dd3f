using System.Net;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Kyodo.Contracts.Subsidy;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.Subsidy.Tests;

/// <summary>
/// UpdateProgram and UpdateCourse change what their update_mask names (gRPC) or their PATCH body
/// holds (REST), and nothing else, in storage and in the event.
/// </summary>
public sealed class PartialUpdateTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    private static string Json(object value) => JsonSerializer.Serialize(value);

    private async Task PatchAsync(string path, object body)
    {
        var (status, json) = await system.Subsidy.PatchAsync(path, body);
        Assert.True(status == HttpStatusCode.OK, $"PATCH {path} answered {(int)status}: {json}");
    }

    [Theory, InlineData("grpc"), InlineData("rest")]
    public async Task ANewDescriptionKeepsTheProgramsNameCoursesAndLinesInStorageAndInTheEvent(string transport)
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000);
        var (before, _) = await system.Events.WaitForAsync<SubsidyProgramChanged>(
            e => e.ProgramId == Guid.Parse(komoro.Program.Id) && e.Revision == komoro.Program.Revision);
        const string description = "市民活動を始める団体と続ける団体の活動を後押しする補助金制度";

        if (transport == "grpc")
            await system.Subsidies.UpdateProgramAsync(new UpdateProgramRequest
            {
                Id = komoro.Program.Id, Version = komoro.Program.Version, Description = description,
                UpdateMask = new FieldMask { Paths = { "description" } },
            });
        else
            await PatchAsync($"/subsidy/v1/programs/{komoro.Program.Id}", new { version = komoro.Program.Version, description });

        var stored = (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = komoro.Program.Id })).Program;
        Assert.Equal((komoro.Program.Name, description), (stored.Name, stored.Description));
        Assert.Equal(komoro.Program.Courses, stored.Courses);
        Assert.Equal(komoro.Program.BudgetLines, stored.BudgetLines);
        var (changed, _) = await system.Events.WaitForAsync<SubsidyProgramChanged>(
            e => e.ProgramId == Guid.Parse(komoro.Program.Id) && e.Revision == before.Revision + 1);
        Assert.Equal(Json(before with
        {
            EventId = changed.EventId,
            OccurredAt = changed.OccurredAt,
            Description = description,
            Revision = changed.Revision
        }), Json(changed));
    }

    [Theory, InlineData("grpc"), InlineData("rest")]
    public async Task ANewCapKeepsTheCoursesNameRulesAndNotesInStorageAndInTheEvent(string transport)
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000);
        var course = komoro.StepUp;
        var (before, _) = await system.Events.WaitForAsync<SubsidyProgramChanged>(
            e => e.ProgramId == Guid.Parse(komoro.Program.Id) && e.Revision == komoro.Program.Revision);

        if (transport == "grpc")
            await system.Subsidies.UpdateCourseAsync(new UpdateCourseRequest
            {
                Id = course.Id, Version = course.Version, Course = new CourseInput { CapYen = 180_000 },
                UpdateMask = new FieldMask { Paths = { "course.cap_yen" } },
            });
        else
            await PatchAsync($"/subsidy/v1/courses/{course.Id}", new { version = course.Version, course = new { capYen = 180_000 } });

        var stored = (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = komoro.Program.Id })).Program.Courses.Single(
            c => c.Id == course.Id);
        Assert.Equal(180_000, stored.CapYen);
        var expected = course.Clone();
        expected.CapYen = 180_000;
        expected.Version = stored.Version;
        Assert.Equal(expected, stored);
        var (changed, _) = await system.Events.WaitForAsync<SubsidyProgramChanged>(
            e => e.ProgramId == Guid.Parse(komoro.Program.Id) && e.Revision == before.Revision + 1);
        var courses = before.Courses.Select(c => c.CourseId == Guid.Parse(course.Id) ? c with { CapYen = 180_000 } : c).ToList();
        Assert.Equal(Json(before with
        {
            EventId = changed.EventId,
            OccurredAt = changed.OccurredAt,
            Courses = courses,
            Revision = changed.Revision
        }), Json(changed));
    }
}
