using System.Globalization;
using Kyodo.Japanese;
using YamlDotNet.RepresentationModel;

namespace Kyodo.Cli.Seed;

/// <summary>
/// A YAML node with where it came from, read strictly: a mapping says which keys it allows,
/// and every read that fails records a problem at the node's line (YamlDotNet's parser marks)
/// and returns a harmless default so reading goes on and every problem is found.
/// </summary>
internal sealed class YamlField
{
    private readonly YamlNode? _node;
    private readonly SeedProblems _problems;
    private readonly YamlField? _parent;

    public string File { get; }
    /// <summary>The path from the document root, e.g. <c>items[3].budget.years[1].cost</c>, for messages.</summary>
    public string Path { get; }

    public YamlField(YamlNode? node, string file, string path, SeedProblems problems, YamlField? parent = null)
    {
        _node = node;
        File = file;
        Path = path;
        _problems = problems;
        _parent = parent;
    }

    public bool Exists => _node is not null && !IsNull(_node);
    public int Line => (int)(_node?.Start.Line ?? _parent?.Line ?? 1);
    public int Column => (int)(_node?.Start.Column ?? _parent?.Column ?? 1);

    public void Problem(string message) => _problems.Add(File, Line, Column, $"{Path}: {message}");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    // ---- mappings

    /// <summary>The field <paramref name="key"/> of this mapping (absent if missing; read it to learn).</summary>
    public YamlField this[string key]
    {
        get
        {
            var child = _node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
            return new YamlField(child, File, Path.Length == 0 ? key : $"{Path}.{key}", _problems, this);
        }
    }

    /// <summary>Checks this is a mapping whose keys are all among <paramref name="allowed"/> (a misspelt key is a problem, not
    /// ignored).</summary>
    public bool Mapping(params string[] allowed)
    {
        if (!Exists) return false;
        if (_node is not YamlMappingNode map)
        {
            Problem("must be a mapping (key: value lines)");
            return false;
        }
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
                _problems.Add(File, (int)key.Start.Line, (int)key.Start.Column,
                    $"{(Path.Length == 0 ? "" : Path + ": ")}unknown field '{name}' (allowed: {string.Join(", ", allowed)})");
        }
        return true;
    }

    public IEnumerable<string> Keys => _node is YamlMappingNode map ? map.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "") : [];

    // ---- sequences

    public IReadOnlyList<YamlField> Items(bool required = false)
    {
        if (!Exists)
        {
            if (required) Problem("is required");
            return [];
        }
        if (_node is not YamlSequenceNode sequence)
        {
            Problem("must be a list");
            return [];
        }
        return sequence.Children.Select((c, i) => new YamlField(c, File, $"{Path}[{i}]", _problems, this)).ToList();
    }

    // ---- scalars

    public string? Scalar
    {
        get
        {
            if (!Exists) return null;
            if (_node is YamlScalarNode scalar) return scalar.Value;
            Problem("must be a single value, not a list or mapping");
            return null;
        }
    }

    public string Text(bool required = false)
    {
        var value = Scalar;
        if (required && string.IsNullOrWhiteSpace(value))
        {
            Problem("is required");
            return "";
        }
        return value ?? "";
    }

    public List<string> TextList(bool required = false) => Items(required).Select(i => i.Text(required: true)).ToList();

    public int? Int(bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = Scalar;
        if (text is null)
        {
            if (required) Problem("is required");
            return null;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            Problem($"'{text}' is not a whole number");
        else if (value < min || value > max) Problem($"{value} must be between {min} and {max}");
        else return value;
        return null;
    }

    public bool? Bool(bool required = false)
    {
        var text = Scalar;
        if (text is null)
        {
            if (required) Problem("is required");
            return null;
        }
        if (text is "true" or "false") return text == "true";
        Problem($"'{text}' must be true or false");
        return null;
    }

    /// <summary>A fiscal year as documents write it (2019, 令和元年度, H31); its Gregorian start year.</summary>
    public int? FiscalYear(bool required = false)
    {
        var text = Scalar;
        if (text is null)
        {
            if (required) Problem("is required");
            return null;
        }
        if (FiscalYearText.TryParse(text, out var year, out var error)) return year;
        Problem(error.English); // the CLI speaks English
        return null;
    }

    /// <summary>An amount as printed (33,916千円, 20万円, 850,000); whole yen. Negative amounts are refused.</summary>
    public long? Yen(bool required = false)
    {
        var text = Scalar;
        if (text is null)
        {
            if (required) Problem("is required");
            return null;
        }
        if (YenText.TryParse(text, out var yen, out var error)) return yen;
        Problem(error.English); // the CLI speaks English
        return null;
    }

    /// <summary>A decimal as written ("300", "98.5"); kept as text for the services, checked here.</summary>
    public string? Decimal(bool required = false)
    {
        var text = Scalar;
        if (text is null)
        {
            if (required) Problem("is required");
            return null;
        }
        if (decimal.TryParse(FullWidthFold(text), NumberStyles.Number, CultureInfo.InvariantCulture, out _)) return text.Trim();
        Problem($"'{text}' is not a number");
        return null;
    }

    private static string FullWidthFold(string text) => FullWidth.Fold(text).Replace(",", "");

    /// <summary>One of the words of a closed list (a stage, a kind …).</summary>
    public string? OneOf(IReadOnlyDictionary<string, string> words, bool required = false)
    {
        var text = Scalar;
        if (text is null)
        {
            if (required) Problem("is required");
            return null;
        }
        if (words.TryGetValue(text.Trim(), out var value)) return value;
        Problem($"unknown value '{text}' (one of: {string.Join(", ", words.Keys)})");
        return null;
    }
}
