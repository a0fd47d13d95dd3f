using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kyodo.Web.Presentation;

/// <summary>
/// ECharts options built on the server from report figures; the page carries them as JSON in a
/// data attribute and wwwroot/js/charts.js hands them to ECharts (SVG renderer, no animation, so
/// prints and screenshots show the final chart). Every chart also has the table it came from on
/// the same page, and an aria-label, for readers who cannot see it.
/// </summary>
public static class Chart
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed record Series(string Name, IReadOnlyList<double?> Values, string Type = "bar", bool SecondAxis = false);

    /// <summary>Bars per category, stacked or side by side; a series of type "line" on the second axis when given.</summary>
    public static string Bars(IReadOnlyList<string> categories, IReadOnlyList<Series> series, string unit,
        bool stacked = false, bool horizontal = false, string? secondUnit = null, bool inverseValues = false)
    {
        object categoryAxis = new { type = "category", data = categories, axisLabel = new { interval = 0, hideOverlap = true } };
        object valueAxis = new { type = "value", name = unit, inverse = inverseValues ? true : (bool?)null };
        object?[] values =
            secondUnit is null ? [valueAxis] : [valueAxis, new { type = "value", name = secondUnit, splitLine = new { show = false } }];
        var option = new
        {
            animation = false,
            aria = new { enabled = true },
            textStyle = new { fontFamily = "'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', sans-serif" },
            tooltip = new { trigger = "axis" },
            legend = new { top = 0, type = "scroll" },
            grid = new { left = 8, right = 16, top = 40, bottom = 8, containLabel = true },
            xAxis = horizontal ? values : [categoryAxis],
            yAxis = horizontal ? [categoryAxis] : values,
            series = series.Select(s => new
            {
                name = s.Name,
                type = s.Type,
                stack = stacked && s.Type == "bar" ? "total" : null,
                data = s.Values,
                yAxisIndex = s.SecondAxis && !horizontal ? 1 : (int?)null,
                connectNulls = s.Type == "line" ? true : (bool?)null,
            }),
        };
        return JsonSerializer.Serialize(option, Json);
    }
}
