using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kyodo.Audit;

/// <summary>Property values as the audit trail writes them: JSON, Japanese text left readable, enums by name.</summary>
internal static class AuditValues
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static JsonNode? ToJson(object? value)
    {
        if (value is null) return null;
        try
        {
            return JsonSerializer.SerializeToNode(value, value.GetType(), Json);
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            // A value System.Text.Json cannot write (none today): keep its text rather than lose the change.
            return JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The value the row holds in the database during this save: the original of a deleted row, else the current.</summary>
    public static object? Stored(PropertyEntry property) =>
        property.EntityEntry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;

    /// <summary>A key value as the audit trail's record_id: GUIDs in their usual lower-case form.</summary>
    public static string KeyText(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
