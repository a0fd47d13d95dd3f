using Kyodo.Reporting.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// The municipalities a report across municipalities covers: those of a prefecture that the read
/// models know (any plan or subsidy program of theirs), or the list asked for, in code order.
/// Who may ask was decided before (CallAccess.DecideArea); this checks what was asked.
/// </summary>
internal sealed record Area(string? PrefectureCode, IReadOnlyList<string> Municipalities)
{
    public const int MostMunicipalities = 2000;

    /// <summary>Exactly one of a prefecture code or a list of municipality codes (each once, at most <see cref="MostMunicipalities"/>);
    /// every fault named.</summary>
    public static (string? Prefecture, List<string> Codes) Validate(RequestValidation v, string prefecture, IReadOnlyList<string> codes)
    {
        v.Check(prefecture.Length > 0 ^ codes.Count > 0, "prefecture_code", ReportingErrors.PrefectureOrMunicipalities);
        if (prefecture.Length > 0)
            v.Check(MunicipalityCode.IsPrefecture(prefecture), "prefecture_code", ReportingErrors.NotAPrefectureCode);
        for (var i = 0; i < codes.Count; i++) v.ValidMunicipalityCode(codes[i], $"municipality_codes[{i}]");
        v.Check(codes.Distinct().Count() == codes.Count, "municipality_codes", ReportingErrors.MunicipalityTwice)
            .Check(codes.Count <= MostMunicipalities, "municipality_codes", ReportingErrors.TooManyMunicipalities(MostMunicipalities));
        return (prefecture.Length > 0 ? prefecture : null, [.. codes]);
    }

    public static async Task<Area> ResolveAsync(ReportingDbContext db, string? prefecture, IReadOnlyList<string> codes,
        CancellationToken ct)
    {
        if (prefecture is null) return new Area(null, codes.Order(StringComparer.Ordinal).ToList());
        var known = await db.QueryAsync("""
            SELECT municipality_code FROM plans WHERE municipality_code LIKE @prefix
            UNION
            SELECT municipality_code FROM subsidy_programs WHERE municipality_code LIKE @prefix
            ORDER BY 1
            """, row => row.GetString(0).Trim(), ct, ReportSql.Text("prefix", prefecture + "%"));
        return new Area(prefecture, known);
    }

    /// <summary>How a title names it: "都道府県 20（77 自治体）" or "自治体 20201・20202".</summary>
    public string Label => PrefectureCode is { } p ? $"都道府県 {p}（{Municipalities.Count} 自治体）"
        : Municipalities.Count <= 5 ? $"自治体 {string.Join("・", Municipalities)}" : $"{Municipalities.Count} 自治体";
}
