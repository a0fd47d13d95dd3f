using System.Collections;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Kyodo.EndToEnd.Tests.Fuzz;

/// <summary>
/// Random request messages and their mangled encodings, from a seed: the same (seed, input number)
/// always gives the same input, so a failure printed with both can be replayed alone
/// (KYODO_FUZZ_SEED, KYODO_FUZZ_ONLY). Values come from pools a hostile or careless caller would
/// use — ids of the caller's own and of another city, codes and years that do and do not read,
/// very long text, NUL and control characters, formulas — and message bytes are flipped, cut,
/// stretched and nested past what a parser takes.
/// </summary>
internal sealed class FuzzInputs(IReadOnlyList<string> ids)
{
    private static readonly string[] Texts =
    [
        "", " ", "20208", "35420", "35421", "00000", "2019", "H31", "令和元年度", "R999", "-1", "0", "9999999999999999999999",
        "7,320千円", "-5", "1e9", "NaN", "plan", "item", "*", "fields.title", "name", "fields", "goal.items", "indicator.targets",
        "検討・実施", "→", "=1+2", "@SUM(1,1)", "'; DROP TABLE plans;--", "%00", "../../etc/passwd", "😀", "\0", "a\0b",
        "\u0001", "\u0085", "\u001b[31m", "line\nbreak", "tab\there", "\r", "\uFFFF", "𠮷野家",
    ];

    /// <summary>The most a message may take: past the services' 4 MiB, but not so far that building and sending it outlasts its
    /// deadline.</summary>
    private const int MaxBytes = 6 * 1024 * 1024;

    /// <summary>A random message of <paramref name="type"/>: some fields set from the pools, messages nested a few levels.</summary>
    public IMessage Message(MessageDescriptor type, Random random)
    {
        for (var draw = 0; draw < 5; draw++)
        {
            var message = Message(type, random, 0);
            if (message.CalculateSize() <= MaxBytes) return message;
        }
        return type.Parser.ParseFrom(ByteString.Empty);
    }

    private IMessage Message(MessageDescriptor type, Random random, int depth)
    {
        var message = type.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (field.ContainingOneof is not null && random.Next(3) > 0) continue;
            if (random.Next(3) == 0) continue;
            if (field.IsMap) continue;
            if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                var count = depth == 0 && random.Next(20) == 0 ? 300 : random.Next(4);
                for (var i = 0; i < count; i++)
                    if (Value(field, random, depth) is { } element) list.Add(element);
            }
            else if (Value(field, random, depth) is { } value)
            {
                field.Accessor.SetValue(message, value);
            }
        }
        return message;
    }

    private object? Value(FieldDescriptor field, Random random, int depth) => field.FieldType switch
    {
        FieldType.String => Text(random),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 =>
            Pick(random, 0, 1, -1, 2019, 2100, 1900, int.MaxValue, int.MinValue, random.Next()),
        FieldType.UInt32 or FieldType.Fixed32 => (uint)Pick(random, 0, 1, int.MaxValue, random.Next()),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 =>
            Pick(random, 0L, 1L, -1L, 200_000L, 7_320_000L, long.MaxValue, long.MinValue, random.NextInt64()),
        FieldType.UInt64 or FieldType.Fixed64 => (ulong)Pick(random, 0L, 1L, long.MaxValue),
        FieldType.Double => Pick(random, 0d, 1d, -1d, 0.8, double.NaN, double.PositiveInfinity, double.MaxValue, 1e-300),
        FieldType.Float => Pick(random, 0f, 1f, float.NaN, float.NegativeInfinity),
        FieldType.Bytes => ByteString.CopyFrom(Bytes(random, random.Next(40))),
        FieldType.Enum => System.Enum.ToObject(field.EnumType.ClrType, Pick(random, 0, 1, 2, 3, 7, 99, -1)),
        FieldType.Message when field.MessageType == Timestamp.Descriptor =>
            Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddDays(random.Next(0, 40_000))),
        FieldType.Message when field.MessageType == FieldMask.Descriptor =>
            new FieldMask { Paths = { Enumerable.Range(0, random.Next(4)).Select(_ => Text(random)) } },
        FieldType.Message when depth < 3 => Message(field.MessageType, random, depth + 1),
        _ => null,
    };

    private string Text(Random random) => random.Next(10) switch
    {
        < 4 => ids[random.Next(ids.Count)],
        < 8 => Texts[random.Next(Texts.Length)],
        8 => new string((char)random.Next(0x20, 0x3000), Pick(random, 1, 100, 10_000, 40_000)),
        _ => new string(Enumerable.Range(0, random.Next(1, 30)).Select(_ => (char)random.Next(0, 0xD7FF)).ToArray()),
    };

    /// <summary>The message's encoding, left as is or mangled: flipped, cut, stretched, re-tagged, nested, or noise.</summary>
    public byte[] Encoding(IMessage message, Random random)
    {
        var bytes = message.ToByteArray();
        switch (random.Next(10))
        {
            case < 4:
                return bytes;
            case 4 when bytes.Length > 0:
                for (var i = 0; i < 1 + random.Next(4); i++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 5 when bytes.Length > 1:
                return bytes[..random.Next(bytes.Length)];
            case 6:
                return [.. bytes, .. Bytes(random, random.Next(1, 30))];
            case 7:
                return [(byte)((random.Next(1, 20) << 3) | random.Next(8)), .. Bytes(random, random.Next(12)), .. bytes];
            case 8:
                var depth = random.Next(50, 200);
                return [.. Enumerable.Repeat((byte)0x7B, depth), .. Enumerable.Repeat((byte)0x7C, depth), .. bytes];
            default:
                return Bytes(random, random.Next(1, 200));
        }
    }

    /// <summary>The message as JSON, left as is or mangled: cut, broken escapes, lone surrogates, deep arrays, wrong types.</summary>
    public string Json(IMessage message, Random random)
    {
        string json;
        try
        {
            json = JsonFormatter.Default.Format(message);
        }
        catch (InvalidOperationException)
        {
            json = "{}"; // a value JSON cannot carry (an undefined enum, a NaN): send an empty body instead
        }
        return random.Next(8) switch
        {
            < 4 => json,
            4 => json[..random.Next(json.Length)],
            5 => json.Length > 2 ? json.Insert(random.Next(1, json.Length - 1),
                Pick(random, "\\ud800", "\\u0000", "\\x", "\"", "}", ",", "\\uDC00\\uD800")) : json,
            6 => "{\"" + Pick(random, "name", "municipalityCode", "fields", "version", "updateMask") + "\":" + new string('[', 1_000)
                + new string(']', 1_000) + "}",
            _ => "{\"" + Pick(random, "name", "municipalityCode", "fields", "version", "id", "updateMask") + "\":"
                + Pick(random, "{}", "[]", "true", "1e400", "-0", "\"\\ud800\"", "null", "\"2019-13-45T99:00:00Z\"") + "}",
        };
    }

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>For printing an input: hex of the first bytes.</summary>
    public static string Hex(byte[] bytes) =>
        Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 512))) + (bytes.Length > 512 ? $"… ({bytes.Length:N0} bytes)" : "");

    /// <summary>For printing an input: the text cut, control characters escaped.</summary>
    public static string Printable(string text)
    {
        var shown = new StringBuilder();
        foreach (var c in text.Length > 1_000 ? text[..1_000] : text)
            shown.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString());
        return shown + (text.Length > 1_000 ? $"… ({text.Length:N0} characters)" : "");
    }
}
