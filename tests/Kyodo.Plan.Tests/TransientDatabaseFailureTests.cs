using Kyodo.Common.V1;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kyodo.Plan.Tests;

// When the service's connections to PostgreSQL break (a restart, a network cut), the next call's
// first statement fails on a dead pooled connection. Nothing of that call reached the database, so
// the service runs it again on a new connection: the caller sees an ordinary answer, and a write
// happens exactly once with its one event. The service reaches PostgreSQL through a proxy that
// cuts every connection, as a server restart does, without touching the server others share.
public sealed class TransientDatabaseFailureTests : IAsyncLifetime
{
    private const string City = "99171";
    private TestDatabase _database = null!;
    private TestVirtualHost _virtualHost = null!;
    private TcpProxy _databasePath = null!;
    private ServiceUnderTest _service = null!;

    private PlanService.PlanServiceClient Client => new(_service.Channel);

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _database = await TestDatabase.CreateAsync(infrastructure, "plan_cut");
        _virtualHost = await TestVirtualHost.CreateAsync(infrastructure, "plan-cut");
        var direct = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        _databasePath = new TcpProxy(direct.Host!, direct.Port);
        var settings = ServiceSettings.For("Plan", _database, _virtualHost);
        settings["ConnectionStrings:Plan"] = new NpgsqlConnectionStringBuilder(
            _database.ConnectionString)
        { Host = "127.0.0.1", Port = _databasePath.Port }.ConnectionString;
        _service = await ServiceUnderTest.StartAsync(PlanApp.Create, settings);
    }

    [Fact]
    public async Task AReadAfterTheServicesConnectionsWereCutAnswersAsBefore()
    {
        var plan = (await Client.CreatePlanAsync(Plan("読む計画"))).Plan;
        Assert.Equal(plan, (await Client.GetPlanAsync(new GetPlanRequest { Id = plan.Id })).Plan);

        CutEveryConnection();

        Assert.Equal(plan, (await Client.GetPlanAsync(new GetPlanRequest { Id = plan.Id })).Plan);
    }

    [Fact]
    public async Task ACreateAfterTheServicesConnectionsWereCutIsStoredOnceWithOneEvent()
    {
        await Client.CreatePlanAsync(Plan("接続を温める計画")); // the pool holds live connections
        var name = $"再実行される計画 {Guid.NewGuid():N}";

        CutEveryConnection();
        var created = (await Client.CreatePlanAsync(Plan(name))).Plan;

        await using var db = OpenDatabase();
        var stored = await db.Plans.Where(p => p.Name == name).ToListAsync();
        Assert.Equal(Guid.Parse(created.Id), Assert.Single(stored).Id);
        var events = await db.Set<OutboxMessage>().Where(m => m.MessageType == typeof(PlanCreated).FullName).ToListAsync();
        Assert.Single(events, e => e.Payload.Contains(created.Id, StringComparison.Ordinal));
    }

    private static CreatePlanRequest Plan(string name) => new()
    {
        Municipality = new MunicipalityRef { Code = City, Name = "接続市" }, Name = name, StartFiscalYear = "2024", EndFiscalYear = "2028",
    };

    /// <summary>Every open connection of the service is cut; new ones go through again.</summary>
    private void CutEveryConnection()
    {
        _databasePath.TakeDown();
        _databasePath.BringUp();
    }

    private PlanDbContext OpenDatabase() => new(new DbContextOptionsBuilder<PlanDbContext>().UseNpgsql(_database.ConnectionString).Options);

    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        if (_databasePath is not null) await _databasePath.DisposeAsync();
        if (_virtualHost is not null) await _virtualHost.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
