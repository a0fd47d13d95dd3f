using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Kyodo.Budget.Plans;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Grpc;

/// <summary>
/// Full cost (フルコスト = 事業費 + 人件費). It lives here, beside the 事業費 it adds to: it is money
/// per item and fiscal year, owned like the item's budget lines (its lead department), and the
/// sheet, the summary and the roll-ups want both from one place. 人件費 is never stored: it is
/// 人工 × the year's unit cost (<see cref="StaffCost.Yen"/>, shared with reporting), so a new unit cost
/// changes every item of its year at once.
/// </summary>
public sealed partial class BudgetGrpcService
{
    public override async Task<SetStaffUnitCostResponse> SetStaffUnitCost(SetStaffUnitCostRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        BudgetInputs.ReadFiscalYear(request.FiscalYear, v, "fiscal_year");
        v.Check(request.YenPerPersonYear >= 0, "yen_per_person_year", BudgetErrors.YenPerPersonYear);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var unitCost = await db.StaffUnitCosts
            .FromSql($"""
                SELECT * FROM staff_unit_costs
                WHERE municipality_code = {request.MunicipalityCode} AND fiscal_year = {request.FiscalYear} FOR UPDATE
                """)
            .SingleOrDefaultAsync(ct);
        var now = clock.GetUtcNowForStorage();
        if (unitCost is null) db.StaffUnitCosts.Add(
            unitCost = new Domain.StaffUnitCost(Guid.CreateVersion7(now), request.MunicipalityCode, request.FiscalYear));
        unitCost.Set(request.YenPerPersonYear, context.Actor(), now);
        db.AddIntegrationEvent(new StaffUnitCostChanged(Guid.NewGuid(), now, unitCost.MunicipalityCode, unitCost.FiscalYear,
            unitCost.YenPerPersonYear, unitCost.Revision));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SetStaffUnitCostResponse { UnitCost = ToMessage(unitCost) };
    }

    public override async Task<ListStaffUnitCostsResponse> ListStaffUnitCosts(ListStaffUnitCostsRequest request, ServerCallContext context)
    {
        new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code").ThrowIfInvalid();
        var response = new ListStaffUnitCostsResponse();
        response.UnitCosts.AddRange((await db.StaffUnitCosts.AsNoTracking().Where(u => u.MunicipalityCode == request.MunicipalityCode)
            .OrderBy(u => u.FiscalYear).ToListAsync(context.CancellationToken)).Select(ToMessage));
        return response;
    }

    /// <summary>Every staff time of the municipality, paged by record id (reporting's rebuild reads it).</summary>
    public override async Task<ListStaffTimesResponse> ListStaffTimes(ListStaffTimesRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var page = Paging.Read(request.Page, v);
        v.ThrowIfInvalid();
        var times = db.StaffTimes.AsNoTracking().Where(s => s.MunicipalityCode == request.MunicipalityCode);
        if (page.After is { } after) times = times.Where(s => s.Id.CompareTo(after) > 0);
        var found = await times.OrderBy(s => s.Id).Take(page.Size + 1).ToListAsync(context.CancellationToken);
        var response = new ListStaffTimesResponse { Page = Paging.Next(found, page.Size, s => s.Id) };
        response.StaffTimes.AddRange(found.Take(page.Size).Select(ToMessage));
        return response;
    }

    public override async Task<SetStaffTimeResponse> SetStaffTime(SetStaffTimeRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var itemId = v.Id(request.ItemId, "item_id");
        BudgetInputs.ReadFiscalYear(request.FiscalYear, v, "fiscal_year");
        var personYears = ReadPersonYears(request.PersonYears, v);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        // The item must exist, and an editor may set only the staff time of items its department leads (as their budget lines).
        var item = await planItems.GetAsync(itemId, request.MunicipalityCode, ct);
        EnsureMayBudget(item, context);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var staffTime = await db.StaffTimes
            .FromSql($"""
                SELECT * FROM staff_times
                WHERE municipality_code = {request.MunicipalityCode} AND item_id = {itemId} AND fiscal_year = {request.FiscalYear}
                FOR UPDATE
                """)
            .SingleOrDefaultAsync(ct);
        var now = clock.GetUtcNowForStorage();
        if (staffTime is null) db.StaffTimes.Add(
            staffTime = new Domain.StaffTime(Guid.CreateVersion7(now), request.MunicipalityCode, itemId, request.FiscalYear));
        staffTime.Set(personYears, item.LeadDepartmentId, context.Actor(), now);
        var unitCost = await db.StaffUnitCosts.AsNoTracking()
            .SingleOrDefaultAsync(u => u.MunicipalityCode == request.MunicipalityCode && u.FiscalYear == request.FiscalYear, ct);
        db.AddIntegrationEvent(new StaffTimeChanged(Guid.NewGuid(), now, staffTime.MunicipalityCode, itemId, staffTime.FiscalYear,
            staffTime.PersonYears,
            unitCost?.YenPerPersonYear, unitCost is null ? null : StaffCost.Yen(staffTime.PersonYears, unitCost.YenPerPersonYear),
            staffTime.Revision));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SetStaffTimeResponse
        {
            StaffTime = ToMessage(staffTime),
            FullCost = (await FullCostAsync(request.MunicipalityCode, itemId, request.FiscalYear, request.FiscalYear, ct)).Single(),
        };
    }

    public override async Task<GetFullCostResponse> GetFullCost(GetFullCostRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var itemId = v.Id(request.ItemId, "item_id");
        BudgetInputs.ReadFiscalYear(request.FiscalYearFrom, v, "fiscal_year_from");
        var to = request.FiscalYearTo == 0 ? request.FiscalYearFrom : request.FiscalYearTo;
        v.Check(to >= request.FiscalYearFrom && to - request.FiscalYearFrom < 50, "fiscal_year_to", BudgetErrors.FiscalYearToRange);
        v.ThrowIfInvalid();
        var response = new GetFullCostResponse { ItemId = itemId.ToString() };
        response.Years.AddRange(
            await FullCostAsync(request.MunicipalityCode, itemId, request.FiscalYearFrom, to, context.CancellationToken));
        return response;
    }

    /// <summary>One row per year from..to: the line's amounts now, 人工, the year's unit cost, 人件費 and フルコスト.</summary>
    private async Task<IReadOnlyList<FullCostYear>> FullCostAsync(string municipality, Guid itemId, int from, int to, CancellationToken ct)
    {
        var lines = await db.BudgetLines.AsNoTracking()
            .Where(l => l.MunicipalityCode == municipality && l.ItemId == itemId && l.FiscalYear >= from && l.FiscalYear <= to)
            .ToDictionaryAsync(l => l.FiscalYear, ct);
        var times = await db.StaffTimes.AsNoTracking()
            .Where(s => s.MunicipalityCode == municipality && s.ItemId == itemId && s.FiscalYear >= from && s.FiscalYear <= to)
            .ToDictionaryAsync(s => s.FiscalYear, ct);
        var units = await db.StaffUnitCosts.AsNoTracking()
            .Where(u => u.MunicipalityCode == municipality && u.FiscalYear >= from && u.FiscalYear <= to)
            .ToDictionaryAsync(u => u.FiscalYear, ct);
        return Enumerable.Range(from, to - from + 1).Select(year =>
        {
            var line = lines.GetValueOrDefault(year);
            var time = times.GetValueOrDefault(year);
            var unit = units.GetValueOrDefault(year);
            var staffCost = time is not null && unit is not null ? StaffCost.Yen(time.PersonYears, unit.YenPerPersonYear) : 0;
            var project = line?.Funding.ToMessage() ?? new FundingBreakdown();
            return new FullCostYear
            {
                FiscalYear = year,
                ProjectCost = project,
                HasBudgetLine = line is not null,
                PersonYears = time is null ? "" : PersonYearsText(time.PersonYears),
                YenPerPersonYear = unit?.YenPerPersonYear ?? 0,
                StaffCostYen = staffCost,
                StaffCostKnown = time is null || unit is not null,
                FullCostYen = project.CostYen + staffCost,
            };
        }).ToList();
    }

    /// <summary>人工 as written: "0.8", "１．２５" (full-width read too); 0 to 9999.99, at most two decimals.</summary>
    private static decimal ReadPersonYears(string text, RequestValidation v)
    {
        var value = v.Decimal(text, "person_years");
        v.Check(value >= 0 && value <= Domain.StaffTime.Most, "person_years", BudgetErrors.PersonYearsRange(Domain.StaffTime.Most))
            .Check(decimal.Round(value, 2) == value, "person_years", BudgetErrors.PersonYearsDecimals);
        return value;
    }

    private static string PersonYearsText(decimal value) => (value / 1.00000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static StaffUnitCost ToMessage(Domain.StaffUnitCost u) => new()
    {
        MunicipalityCode = u.MunicipalityCode, FiscalYear = u.FiscalYear, YenPerPersonYear = u.YenPerPersonYear,
        SetBy = u.SetBy, SetAt = Timestamp.FromDateTimeOffset(u.SetAt), Revision = u.Revision,
    };

    private static StaffTime ToMessage(Domain.StaffTime s) => new()
    {
        MunicipalityCode = s.MunicipalityCode, ItemId = s.ItemId.ToString(), FiscalYear = s.FiscalYear,
        PersonYears = PersonYearsText(s.PersonYears),
        SetBy = s.SetBy, SetAt = Timestamp.FromDateTimeOffset(s.SetAt), Revision = s.Revision,
    };
}
