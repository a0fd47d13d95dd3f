namespace Kyodo.Cli;

/// <summary>
/// A command's arguments: positional words and <c>--name value</c> options (an option may
/// repeat; <c>--name=value</c> works too). Flags are options listed in <c>flags</c>, taking no value.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static CommandLine Parse(IEnumerable<string> args, params string[] flags)
    {
        var line = new CommandLine();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                line.Positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            string value;
            var eq = name.IndexOf('=');
            if (eq >= 0) (name, value) = (name[..eq], name[(eq + 1)..]);
            else if (flags.Contains(name)) value = "true";
            else if (e.MoveNext()) value = e.Current;
            else throw new UsageException($"option --{name} needs a value");
            if (!line._options.TryGetValue(name, out var values)) line._options[name] = values = [];
            values.Add(value);
        }
        return line;
    }

    public string? Option(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var values) ? values[^1] : null;
    }

    public IReadOnlyList<string> Options(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var values) ? values : [];
    }

    public bool Flag(string name) => Option(name) is "true" or "";

    /// <summary>Every option given that no one asked for (a typo, usually).</summary>
    public IEnumerable<string> Unused => _options.Keys.Where(k => !_used.Contains(k));

    /// <summary>The options as given, for commands that read them generically (reports).</summary>
    public IEnumerable<(string Name, string Value)> All => _options.SelectMany(o => o.Value.Select(v => (o.Key, v)));

    public void MarkUsed(string name) => _used.Add(name);

    public void RejectUnused()
    {
        var unused = Unused.ToList();
        if (unused.Count > 0) throw new UsageException("unknown option " + string.Join(", ", unused.Select(u => "--" + u)));
    }
}
