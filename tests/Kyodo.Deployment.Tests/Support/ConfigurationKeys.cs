using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kyodo.Deployment.Tests.Support;

/// <summary>
/// The configuration keys an application really reads, derived from its source and its
/// appsettings.json, and those it cannot run without. Keys compare case-insensitively, as
/// .NET configuration does; an environment variable maps to a key with "__" → ":".
/// <para>Read:</para>
/// <list type="bullet">
/// <item>every key in appsettings.json (the framework or the code reads them);</item>
/// <item>literal indexer reads, <c>Configuration["Services:Plan"]</c>, and interpolated ones
///   over a list, <c>configuration[$"Services:{name}"]</c> in <c>foreach (var name in Names)</c>
///   with <c>Names = ["Plan", …]</c> in the same file;</item>
/// <item><c>ConnectionStrings:X</c> for <c>AddKyodoDatabase&lt;…&gt;("X")</c> and <c>GetConnectionString("X")</c>;</item>
/// <item>every settable property of an options class bound to a section,
///   <c>AddOptions&lt;T&gt;().Bind(….GetSection("S"))</c> → <c>S:Property</c> (arrays: <c>S:Property:0…</c>),
///   or read whole, <c>GetSection(T.Section).Get&lt;T&gt;()</c> with <c>const string Section = "S"</c> in T;</item>
/// <item><c>OTEL_*</c> where the code calls <c>UseOtlpExporter</c> (the OpenTelemetry SDK reads them);</item>
/// <item>what ASP.NET Core itself reads: <c>Kestrel:*</c>, <c>Logging:LogLevel:*</c>,
///   <c>Logging:Console:*</c>, <c>AllowedHosts</c>, <c>ASPNETCORE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c>.</item>
/// </list>
/// <para>Required: the connection strings (AddKyodoDatabase throws without), keys read as
/// <c>Configuration["…"] ?? throw</c>, every <c>Services:*</c> address read (no default exists),
/// and <c>RabbitMq:Host</c>, <c>RabbitMq:Username</c>, <c>RabbitMq:Password</c> where RabbitMq is read
/// (their defaults, localhost and guest, never fit a deployment); less those appsettings.json
/// already gives a value (service addresses excepted: their localhost defaults serve local runs);
/// and, to serve only (the check runs when the host starts, so <c>migrate</c> and <c>healthcheck</c>
/// need none of them), the keys a configuration check lists as missing, <c>missing.Add("Auth:Audience")</c>,
/// where <c>missing.Add("Auth:Issuer (or Auth:Authority)")</c> is required unless the alternative is set.</para>
/// </summary>
public sealed class ConfigurationKeys
{
    private static readonly string[] FrameworkPrefixes = ["Kestrel:", "Logging:LogLevel:", "Logging:Console:"];
    private static readonly string[] FrameworkKeys = ["AllowedHosts", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    private readonly HashSet<string> exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> prefixes = [.. FrameworkPrefixes];
    private readonly HashSet<string> required = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> requiredToServe = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> requiredUnless = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<string> Exact => exact;
    public IReadOnlyList<string> Prefixes => prefixes;
    public IReadOnlySet<string> Required => required;

    /// <summary>Keys required to serve (not to migrate or answer healthcheck), e.g. Auth:Audience.</summary>
    public IReadOnlySet<string> RequiredToServe => requiredToServe;

    /// <summary>Keys required to serve unless their alternative is set (Auth:SigningKey unless Auth:Authority).</summary>
    public IReadOnlyDictionary<string, string> RequiredUnless => requiredUnless;

    /// <summary>The required keys a configuration with the keys <paramref name="set"/> lacks, to serve or only to run the one-shot
    /// commands.</summary>
    public IEnumerable<string> MissingFrom(IReadOnlySet<string> set, bool serving = true) =>
        required.Concat(serving ? requiredToServe : []).Where(k => !set.Contains(k))
            .Concat(serving ? requiredUnless.Where(kv => !set.Contains(kv.Key) && !set.Contains(kv.Value))
                .Select(kv => $"{kv.Key} (or {kv.Value})") : [])
            .Order(StringComparer.Ordinal);

    public bool Reads(string key) =>
        exact.Contains(key) || prefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    public static string KeyOfEnvironmentVariable(string name) => name.Replace("__", ":");

    public static ConfigurationKeys Derive(JsonElement appsettings, IReadOnlyDictionary<string, string> sources)
    {
        var keys = new ConfigurationKeys();
        keys.exact.UnionWith(FrameworkKeys);
        var defaults = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Flatten(appsettings, "", defaults);
        keys.exact.UnionWith(defaults);

        foreach (var (file, text) in sources)
        {
            foreach (Match m in Regex.Matches(text, """onfiguration\[\s*"([^"]+)"\s*\](\s*\?\?\s*throw)?"""))
            {
                keys.exact.Add(m.Groups[1].Value);
                if (m.Groups[2].Success) keys.required.Add(m.Groups[1].Value);
            }
            foreach (Match m in Regex.Matches(text, """onfiguration\[\s*\$"([^"{]*)\{(\w+)\}([^"]*)"\s*\]"""))
            {
                var list = Regex.Match(text, $@"foreach\s*\(\s*var\s+{m.Groups[2].Value}\s+in\s+(\w+)\s*\)");
                var values = list.Success ? Regex.Match(text, $@"\b{list.Groups[1].Value}\s*=\s*\[([^\]]*)\]") : Match.Empty;
                if (!values.Success)
                    throw new InvalidOperationException($"{file}: cannot tell which keys {m.Value} reads; teach ConfigurationKeys");
                foreach (Match v in Regex.Matches(values.Groups[1].Value, "\"(\\w+)\""))
                    keys.exact.Add(m.Groups[1].Value + v.Groups[1].Value + m.Groups[3].Value);
            }
            foreach (Match m in Regex.Matches(text, """(?:AddKyodoDatabase<[\w.]+>|GetConnectionString)\(\s*"(\w+)"\s*[,)]"""))
            {
                keys.exact.Add("ConnectionStrings:" + m.Groups[1].Value);
                keys.required.Add("ConnectionStrings:" + m.Groups[1].Value);
            }
            foreach (Match m in Regex.Matches(text,
                """AddOptions<([\w.]+)>\(\)\s*\.(?:Bind\(\s*[\w.]+\.GetSection\(\s*"(\w+)"\s*\)\s*\)|"""
                + """BindConfiguration\(\s*"(\w+)"\s*\))"""))
            {
                var section = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
                foreach (var (property, isArray) in OptionsProperties(m.Groups[1].Value.Split('.')[^1], sources))
                {
                    if (isArray) keys.prefixes.Add($"{section}:{property}:");
                    else keys.exact.Add($"{section}:{property}");
                }
            }
            foreach (Match m in Regex.Matches(text, """GetSection\(\s*(\w+)\.Section\s*\)\s*\.Get<(\w+)>"""))
            {
                var section = SectionConstant(m.Groups[1].Value, sources);
                foreach (var (property, isArray) in OptionsProperties(m.Groups[2].Value, sources))
                {
                    if (isArray) keys.prefixes.Add($"{section}:{property}:");
                    else keys.exact.Add($"{section}:{property}");
                }
            }
            foreach (Match m in Regex.Matches(text, """missing\.Add\("([\w:]+)(?: \(or ([\w:]+)\))?"\)"""))
            {
                if (m.Groups[2].Success) keys.requiredUnless[m.Groups[1].Value] = m.Groups[2].Value;
                else keys.requiredToServe.Add(m.Groups[1].Value);
            }
            if (text.Contains("UseOtlpExporter(")) keys.prefixes.Add("OTEL_");
        }

        foreach (var key in keys.exact.Where(k => k.StartsWith("Services:", StringComparison.OrdinalIgnoreCase)).ToList())
            keys.required.Add(key);
        if (keys.exact.Contains("RabbitMq:Host"))
            keys.required.UnionWith(["RabbitMq:Host", "RabbitMq:Username", "RabbitMq:Password"]);
        // A key appsettings.json gives a value (Kestrel:Endpoints:Health:Url) needs no setting;
        // except service addresses, whose defaults (localhost) are for local runs only.
        keys.required.ExceptWith(defaults.Where(k => !k.StartsWith("Services:", StringComparison.OrdinalIgnoreCase)));
        return keys;
    }

    /// <summary>The value of <c>const string Section = "…"</c> in the class named <paramref name="className"/>.</summary>
    private static string SectionConstant(string className, IReadOnlyDictionary<string, string> sources)
    {
        foreach (var text in sources.Values)
        {
            var declaration = Regex.Match(text, $@"\bclass\s+{className}\b[^{{]*\{{");
            if (!declaration.Success) continue;
            var constant = Regex.Match(BalancedBody(text, declaration.Index + declaration.Length - 1),
                """const\s+string\s+Section\s*=\s*"(\w+)"\s*;""");
            if (constant.Success) return constant.Groups[1].Value;
        }
        throw new InvalidOperationException($"No const string Section in class {className} among the application's sources");
    }

    /// <summary>Settable properties of the options class named <paramref name="className"/>.</summary>
    private static IEnumerable<(string Name, bool IsArray)> OptionsProperties(string className, IReadOnlyDictionary<string, string> sources)
    {
        foreach (var text in sources.Values)
        {
            var declaration = Regex.Match(text, $@"\bclass\s+{className}\b[^{{]*\{{");
            if (!declaration.Success) continue;
            var body = BalancedBody(text, declaration.Index + declaration.Length - 1);
            var properties = Regex.Matches(body, @"public\s+(?<type>[\w.<>\[\]?,]+)\s+(?<name>\w+)\s*\{\s*get;\s*(?:set|init);");
            return properties.Select(p => (p.Groups["name"].Value, p.Groups["type"].Value.Contains("[]"))).ToList();
        }
        throw new InvalidOperationException($"Options class {className} not found in the application's sources");
    }

    private static string BalancedBody(string text, int openBrace)
    {
        var depth = 0;
        for (var i = openBrace; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return text[(openBrace + 1)..i];
        }
        throw new FormatException("Unbalanced braces");
    }

    private static void Flatten(JsonElement element, string prefix, HashSet<string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", into);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) Flatten(item, $"{prefix}:{index++}", into);
                break;
            default:
                into.Add(prefix);
                break;
        }
    }
}
