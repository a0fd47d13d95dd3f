using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Kyodo.Contracts;

namespace Kyodo.Api.Tests;

/// <summary>
/// The JSON Schema of each event contract, generated from its record as it travels (camelCase,
/// as the outbox and MassTransit serialise it), and the committed copy in events/schemas/ that
/// subscribers read. Set KYODO_WRITE_EVENT_SCHEMAS=1 to write the generated ones there (then read
/// the diff: only additions are allowed within a version).
/// </summary>
public static class EventSchemas
{
    // As sent: camelCase names, numbers as numbers (the Web defaults would also admit numbers written
    // as strings, which a reader accepts but no publisher sends).
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    public static string Folder => Repo.PathOf("events/schemas");

    public static string CommittedPath(Type contract) => Path.Combine(Folder, EventContracts.ExchangeName(contract) + ".schema.json");

    public static JsonObject Generate(Type contract)
    {
        var body = (JsonObject)JsonSchemaExporter.GetJsonSchemaAsNode(Wire, contract, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
        });
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = EventContracts.ExchangeName(contract),
            ["description"] = $"The message of {contract.Name} (version {EventContracts.VersionOf(contract)}) as published on the exchange "
                + $"of the same name; see events/README.md.",
        };
        foreach (var (key, value) in body) schema[key] = value?.DeepClone();
        return schema;
    }

    public static string Text(JsonObject schema) => schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>
    /// What a subscriber of <paramref name="committed"/> could no longer read in messages of
    /// <paramref name="generated"/>: a property gone, or a value of a type it did not allow
    /// (null included). Added properties are fine: subscribers ignore what they do not know.
    /// </summary>
    public static IReadOnlyList<string> Incompatibilities(JsonNode committed, JsonNode generated, string at = "$")
    {
        var problems = new List<string>();
        var before = Types(committed);
        var after = Types(generated);
        if (after.Except(before).ToArray() is { Length: > 0 } added)
            problems.Add($"{at}: may now be {string.Join(" or ", added)} (was {string.Join(" or ", before)})");
        if (committed["format"]?.ToString() is { } format && generated["format"]?.ToString() != format)
            problems.Add($"{at}: format {format} became {generated["format"]?.ToString() ?? "none"}");

        if (committed["properties"] is JsonObject properties)
        {
            foreach (var (name, schema) in properties)
            {
                if (generated["properties"]?[name] is not { } now) problems.Add($"{at}.{name}: removed");
                else problems.AddRange(Incompatibilities(schema!, now, $"{at}.{name}"));
            }
        }
        if (committed["items"] is { } items)
        {
            if (generated["items"] is not { } nowItems) problems.Add($"{at}[]: no longer a list of items");
            else problems.AddRange(Incompatibilities(items, nowItems, $"{at}[]"));
        }
        return problems;
    }

    private static string[] Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray many => many.Select(t => t!.ToString()).Order(StringComparer.Ordinal).ToArray(),
        JsonValue one => [one.ToString()],
        _ => [],
    };
}
