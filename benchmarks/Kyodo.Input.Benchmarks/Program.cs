using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Kyodo.Plan.Grpc;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Input;

// The cost of RequestTextInterceptor.Check (every text field of a request against its rule) and of
// UpdateRule.Resolve (an update's mask), per call, beside the same-run baseline every call already
// pays: parsing the message from its bytes. Three requests: a read (GetItem), a typical write
// (CreateItem with its prose, as seed 003's items), and a large import (ImportPlan of 60 items).
// Usage: dotnet run -c Release --project benchmarks/Kyodo.Input.Benchmarks [-- --seconds 2 --rounds 5]
var seconds = Argument("--seconds", 2);
var rounds = Argument("--rounds", 5);
var interceptor = new RequestTextInterceptor([PlanTextFields.Table]);

var read = new GetItemRequest { Id = Guid.NewGuid().ToString() };
var write = Item(Guid.NewGuid().ToString());
var import = new ImportPlanRequest
{
    Municipality = new Kyodo.Common.V1.MunicipalityRef { Code = "35203", Name = "山口市" },
    Name = "山口市協働推進プラン", StartFiscalYear = "平成20年度", EndFiscalYear = "平成24年度",
    Nodes = { Enumerable.Range(1, 5).Select(p => new ImportNode { LevelName = "推進方針", Code = $"{p}", Title = "参加しやすく、活動しやすい環境づくりを進めます" }) },
    Items = { Enumerable.Range(1, 60).Select(i => new ImportItem { Fields = write.Fields, Schedule = { write.Schedule },
        Placements = { new ImportPlacement { NodePath = { "1" }, Code = $"{i}" } } }) },
};
var update = new UpdateItemRequest
{
    Id = Guid.NewGuid().ToString(), Version = 3, Fields = new ItemFields { Title = "地域交流センターの設置と運営" },
    UpdateMask = new FieldMask { Paths = { "fields.title" } }
};

Console.WriteLine($"Kyodo input checks, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, .NET {Environment.Version}, {Environment.ProcessorCount} "
    + $"cores, load average {Load()} at start");
Console.WriteLine($"{rounds} rounds × {seconds} s per measure; median of the rounds; the baseline is parsing the same message (what "
    + $"grpc-dotnet does for every call)");
Console.WriteLine();
Console.WriteLine($"{"request",-34} {"bytes",8} {"parse ns",10} {"check ns",10} {"check/parse",12}");
foreach (var (name, message) in new (string, IMessage)[] { ("GetItem", read), ("CreateItem (seed 003 item)", write),
    ("UpdateItem (mask fields.title)", update), ("ImportPlan (60 items)", import) })
{
    var bytes = message.ToByteArray();
    var parser = message.Descriptor.Parser;
    var parse = Measure(() => parser.ParseFrom(bytes));
    var check = Measure(() => interceptor.Check(message));
    Console.WriteLine($"{name,-34} {bytes.Length,8:N0} {parse,10:N0} {check,10:N0} {check / parse,12:F2}");
}
var resolve = Measure(() => PlanUpdates.Item.Resolve(update));
Console.WriteLine();
Console.WriteLine($"UpdateRule.Resolve of UpdateItem's mask: {resolve:N0} ns; load average {Load()} at the end");

double Measure(Action action)
{
    for (var i = 0; i < 10_000; i++) action(); // warm-up: tiered JIT, the interceptor's cached plans
    var perRound = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        long calls = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 100; i++) action();
            calls += 100;
        }
        perRound.Add(clock.Elapsed.TotalNanoseconds / calls);
    }
    perRound.Sort();
    return perRound[perRound.Count / 2];
}

static CreateItemRequest Item(string planId) => new()
{
    PlanId = planId,
    Fields = new ItemFields
    {
        Title = "地域交流センターの設置",
        Departments = { "協働推進課", "生涯学習課", "行革推進課" },
        ImplementingBodies = { "行政" },
        Purpose = "地域コミュニティ活動や市民活動の活性化を図り、地域協働によるまちづくりを推進します。",
        CurrentState = "協働によるまちづくりを推進するためには、地域コミュニティの機能をさらに高める必要があります。\n公民館は生涯学習の拠点として整備されてきました。",
        Content = "現在の公民館(出張所を含む)について、生涯学習機能に加え、地域づくりの拠点としての機能を持つ「地域交流センター」として位置づけます。",
        CompletionCriterion = "全ての公民館について地域交流センターを位置づけたときに完了とします。",
        LinkedPlans = { "行政改革大綱推進計画" },
        YearlyGoals = { new YearlyGoalInput { FiscalYear = "平成21年度", Text = "全公民館で位置づけ" } },
    },
    Placements = { new PlacementInput { NodeId = Guid.NewGuid().ToString(), Code = "①", Primary = true } },
    Schedule = { new ScheduleRowInput { Cells =
        { new ScheduleCellInput { FiscalYear = "H20", Text = "検討" }, new ScheduleCellInput { FiscalYear = "H21", Text = "実施・完了予定" } } } },
};

int Argument(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
        ? value : fallback;
}

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
