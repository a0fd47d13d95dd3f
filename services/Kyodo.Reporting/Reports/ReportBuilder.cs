using Google.Protobuf.WellKnownTypes;
using Kyodo.Reporting.V1;

namespace Kyodo.Reporting.Reports;

/// <summary>Builds the generic Report message: tables of typed columns, and the freshness of what went in.</summary>
internal sealed class ReportBuilder(string title, string municipalityCode)
{
    private readonly Report _report = new() { Title = title, MunicipalityCode = municipalityCode };
    private DateTimeOffset? _asOf;

    /// <summary>Notes that rows as of <paramref name="asOf"/> are part of the report.</summary>
    public void Includes(DateTimeOffset? asOf)
    {
        if (asOf is { } at && (_asOf is null || at > _asOf)) _asOf = at;
    }

    /// <summary>A report across municipalities: the ones it covers.</summary>
    public void Covers(IEnumerable<string> municipalities) => _report.MunicipalityCodes.AddRange(municipalities);

    public Table Table(string name, params (string Name, ColumnKind Kind)[] columns)
    {
        var table = new Table { Name = name };
        table.Columns.AddRange(columns.Select(c => new Column { Name = c.Name, Kind = c.Kind }));
        _report.Tables.Add(table);
        return table;
    }

    public Report Build()
    {
        if (_asOf is { } asOf) _report.AsOf = Timestamp.FromDateTimeOffset(asOf);
        return _report;
    }
}

internal static class Cells
{
    public static Cell Text(string value) => new() { Text = value };
    public static Cell Integer(long value) => new() { Integer = value };
    public static Cell Number(double value) => new() { Number = value };
    public static Cell Blank() => new();

    /// <summary>An indicator value: whole numbers as integers (so CSV prints 300, not 300.0), others as numbers.</summary>
    public static Cell Value(decimal value) =>
        decimal.Truncate(value) == value && Math.Abs(value) < long.MaxValue ? Integer((long)value) : Number((double)value);

    public static Row Row(params Cell[] cells)
    {
        var row = new Row();
        row.Cells.AddRange(cells);
        return row;
    }
}
