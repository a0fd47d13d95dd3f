using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kyodo.Deployment.Tests.Support;

/// <summary>
/// YAML (kubectl and docker-compose output) as System.Text.Json nodes: mappings become
/// objects, sequences arrays, scalars strings (plain null/~/empty become null). A
/// duplicate key, a non-mapping document or unparsable text fails the load.
/// </summary>
public static class Yaml
{
    public static List<JsonObject> LoadDocuments(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var documents = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            var node = Convert(document.RootNode);
            if (node is null) continue;
            documents.Add(node as JsonObject ?? throw new FormatException("A YAML document is not a mapping: " + node.ToJsonString()));
        }
        return documents;
    }

    public static JsonObject LoadSingle(string text) =>
        LoadDocuments(text) is [var single] ? single : throw new FormatException("Expected exactly one YAML document.");

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new FormatException($"Unsupported YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonObject ToObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? throw new FormatException($"Non-scalar key at {key.Start}");
            if (result.ContainsKey(name)) throw new FormatException($"Duplicate key '{name}' at {key.Start}");
            result[name] = Convert(value);
        }
        return result;
    }
}

/// <summary>Short paths into parsed manifests.</summary>
public static class Nodes
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var step in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(step, out node)) return null;
        }
        return node;
    }

    public static string? Str(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static int? Int(this JsonNode? node, params string[] path) =>
        int.TryParse(node.Str(path), out var number) ? number : null;

    public static IEnumerable<JsonObject> Objects(this JsonNode? node, params string[] path) =>
        (node.At(path) as JsonArray ?? []).OfType<JsonObject>();

    public static IEnumerable<string> Strings(this JsonNode? node, params string[] path) =>
        (node.At(path) as JsonArray ?? []).Select(n => n.Str()).OfType<string>();

    /// <summary>A mapping's entries as strings (labels, selectors, ConfigMap data).</summary>
    public static Dictionary<string, string> StringMap(this JsonNode? node, params string[] path) =>
        (node.At(path) as JsonObject ?? [])
            .ToDictionary(kv => kv.Key, kv => kv.Value.Str() ?? "");

    public static IEnumerable<string> Keys(this JsonNode? node, params string[] path) =>
        (node.At(path) as JsonObject ?? []).Select(kv => kv.Key);
}
