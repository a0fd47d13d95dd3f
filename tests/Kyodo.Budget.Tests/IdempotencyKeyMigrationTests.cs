using Google.Protobuf;
using Kyodo.Budget.Data;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using V1 = Kyodo.Budget.V1;

namespace Kyodo.Budget.Tests;

// Upgrading a database whose idempotency keys were global gives each earlier key the municipality
// of the reservation it answers for, so a retry across the upgrade still gets its first answer.
// Reverting makes keys global again only while no key is two municipalities'; else it refuses.
public sealed class IdempotencyKeyMigrationTests
{
    private const string BeforeScoping = "20261123113906_AddAuditTrail";
    private const string Scoping = "20261201214937_ScopeIdempotencyKeysByMunicipality";

    private static BudgetDbContext Open(TestDatabase database) =>
        new(new DbContextOptionsBuilder<BudgetDbContext>()
            .UseNpgsql(database.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options);

    /// <summary>
    /// A line of <paramref name="municipality"/> with one reservation, stored in the columns the schema
    /// had before the scoping (raw SQL: today's model has columns that schema lacks).
    /// </summary>
    private static async Task<Domain.Reservation> ReservationAsync(BudgetDbContext db, string municipality, string purpose)
    {
        var now = DateTimeOffset.UtcNow;
        var (lineId, itemId) = (Guid.NewGuid(), Guid.NewGuid());
        var reservation = new Domain.Reservation(Guid.NewGuid(), lineId, purpose, 100_000, now);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO budget_lines (id, municipality_code, item_id, item_title, department_name, fiscal_year,
                account_number, account_name, section_number, section_name, item_number, item_name, subitem_number, subitem_name,
                stage, supplementary_number, cost_yen, national_prefectural_yen, local_bond_yen, other_yen, general_revenue_yen,
                reserved_yen, committed_yen, created_at, updated_at)
            VALUES ({lineId}, {municipality}, {itemId}, {"市民活動支援事業"}, {""}, {2019}, {""}, {""}, {""}, {""}, {""}, {""}, {""}, {""},
                {(int)Domain.BudgetStage.Initial}, {0}, {1_000_000L}, {0L}, {0L}, {0L}, {1_000_000L}, {100_000L}, {0L}, {now}, {now})
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO reservations (id, line_id, purpose, amount_yen, committed_yen, status, created_at, updated_at)
            VALUES ({reservation.Id}, {lineId}, {purpose}, {100_000L}, {0L}, {(int)Domain.ReservationStatus.Reserved}, {now}, {now})
            """);
        return reservation;
    }

    /// <summary>The answer's bytes as the service recorded them: the reservation message first.</summary>
    private static byte[] Answer(Domain.Reservation reservation, bool commit)
    {
        var message = new V1.Reservation
        {
            Id = reservation.Id.ToString(), BudgetLineId = reservation.LineId.ToString(), Purpose = reservation.Purpose,
            AmountYen = reservation.AmountYen, Status = V1.ReservationStatus.Reserved,
            CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(reservation.CreatedAt),
            UpdatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(reservation.UpdatedAt),
        };
        return commit ? new V1.CommitResponse { Reservation = message }.ToByteArray()
            : new V1.ReserveResponse { Reservation = message, AvailableYen = 900_000 }.ToByteArray();
    }

    [Fact]
    public async Task UpgradingGivesEachEarlierKeyTheMunicipalityOfItsReservation()
    {
        await using var database = await TestDatabase.CreateAsync(await TestInfrastructure.GetAsync(), "budget_mig");
        await using var db = Open(database);
        await db.GetService<IMigrator>().MigrateAsync(BeforeScoping);

        // A short purpose keeps the reservation under 128 bytes (a one-byte length), a long one does not.
        var shortOne = await ReservationAsync(db, "99241", "A");
        var longOne = await ReservationAsync(db, "99242", new string('補', 300));
        var earlier = new (string Key, string Operation, byte[] Response, string Municipality)[]
        {
            ("subsidy-award-short", "Reserve", Answer(shortOne, commit: false), "99241"),
            ("subsidy-award-long", "Reserve", Answer(longOne, commit: false), "99242"),
            ("subsidy-settle-long", "Commit", Answer(longOne, commit: true), "99242"),
        };
        Assert.True(earlier[0].Response[1] < 128);
        Assert.True(earlier[1].Response[1] >= 128 && earlier[2].Response[1] >= 128);
        foreach (var (key, operation, response, _) in earlier)
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO idempotency_records (key, operation, request_hash, response, created_at)
                VALUES ({key}, {operation}, {new byte[32]}, {response}, {DateTimeOffset.UtcNow})
                """);

        await db.Database.MigrateAsync();

        var stored = await db.IdempotencyRecords.AsNoTracking().ToListAsync();
        Assert.Equal(earlier.Select(e => (e.Key, e.Municipality)).Order(), stored.Select(r => (r.Key, r.MunicipalityCode)).Order());
        Assert.All(stored, r => Assert.Equal(earlier.Single(e => e.Key == r.Key).Response, r.Response));
    }

    private static Task RecordAsync(BudgetDbContext db, string municipality, string key) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO idempotency_records (municipality_code, key, operation, request_hash, response, created_at)
            VALUES ({municipality}, {key}, {"Reserve"}, {new byte[32]}, {new byte[] { 1 }}, {DateTimeOffset.UtcNow})
            """);

    [Fact]
    public async Task RevertingWhileTwoMunicipalitiesShareAKeyIsRefusedAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(await TestInfrastructure.GetAsync(), "budget_mig");
        await using var db = Open(database);
        // Right after the scoping: reverting it is the step that refuses (later migrations would be reverted first, each on its own).
        await db.GetService<IMigrator>().MigrateAsync(Scoping);
        await RecordAsync(db, "99241", "subsidy-award-shared");
        await RecordAsync(db, "99242", "subsidy-award-shared");
        await RecordAsync(db, "99242", "subsidy-award-own");

        var refused = await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => db.GetService<IMigrator>().MigrateAsync(BeforeScoping));
        Assert.Contains("cannot be reverted: 1 idempotency key(s) are used by more than one municipality", refused.MessageText);

        // The scoping stays applied; migrations after it, reverted before it was refused, are pending again.
        Assert.DoesNotContain(await db.Database.GetPendingMigrationsAsync(),
            m => m.EndsWith("_ScopeIdempotencyKeysByMunicipality", StringComparison.Ordinal));
        Assert.Equal([("99241", "subsidy-award-shared"), ("99242", "subsidy-award-own"), ("99242", "subsidy-award-shared")],
            (await db.IdempotencyRecords.AsNoTracking().ToListAsync()).Select(r => (r.MunicipalityCode, r.Key)).Order());
    }

    [Fact]
    public async Task RevertingWhileEveryKeyIsOneMunicipalitysKeepsEveryRecordUnderItsKey()
    {
        await using var database = await TestDatabase.CreateAsync(await TestInfrastructure.GetAsync(), "budget_mig");
        await using var db = Open(database);
        await db.Database.MigrateAsync();
        await RecordAsync(db, "99241", "subsidy-award-a");
        await RecordAsync(db, "99242", "subsidy-award-b");

        await db.GetService<IMigrator>().MigrateAsync(BeforeScoping);

        Assert.Equal(["subsidy-award-a", "subsidy-award-b"],
            await db.Database.SqlQuery<string>($"SELECT key AS \"Value\" FROM idempotency_records ORDER BY key").ToListAsync());
        // The key alone is the primary key again.
        Assert.Equal(["key"], await db.Database.SqlQuery<string>($"""
            SELECT a.attname AS "Value" FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = 'idempotency_records'::regclass AND i.indisprimary
            """).ToListAsync());
    }
}
