namespace Kyodo.Contracts.Budget;

/// <summary>The unit cost of one person-year of staff (人件費単価) a municipality set for a fiscal year, whole yen.</summary>
public sealed record StaffUnitCostChanged(
    Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode, int FiscalYear, long YenPerPersonYear, int Revision)
    : IIntegrationEvent;

/// <summary>
/// The staff time (人工) an item takes in a fiscal year was set. YenPerPersonYear and StaffCostYen
/// (人件費 = PersonYears × YenPerPersonYear, rounded half up to whole yen) are as of this change, null
/// while the year has no unit cost; a later StaffUnitCostChanged changes the cost of every item of its year.
/// </summary>
public sealed record StaffTimeChanged(
    Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode, Guid ItemId, int FiscalYear,
    decimal PersonYears, long? YenPerPersonYear, long? StaffCostYen, int Revision) : IIntegrationEvent;
