using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.ServiceDefaults.Updates;

/// <summary>
/// What one update RPC may change, as AIP-134 field-mask paths of its request: the request's
/// <c>update_mask</c> names the fields to change and every other field keeps its stored value.
/// A path is a leaf (<c>name</c>, <c>fields.title</c>, <c>funding</c>, changed as a whole), a
/// message above leaves (<c>fields</c>: all of them) or <c>*</c> (every leaf: full replacement).
/// Fields the RPC must not change (<see cref="Fixed"/>) are refused by name when a mask names them;
/// the request's other fields (<c>id</c>, <c>version</c>) say which record and are never paths.
/// Without a mask, a REST PATCH names the fields its JSON body holds (<see cref="RestBodyFields"/>)
/// and a gRPC call those it populates (AIP-134's implied mask): so a caller who sends only a new
/// title changes only the title.
/// </summary>
public sealed class UpdateRule
{
    public const string MaskField = "update_mask";
    public const string All = "*";

    private readonly FieldDescriptor _maskField;
    private readonly HashSet<string> _leafSet;

    /// <param name="request">The RPC's request message.</param>
    /// <param name="leaves">Paths changed as a whole; <c>course.*</c> stands for every field of <c>course</c> but the fixed ones.</param>
    /// <param name="fixedFields">Paths this RPC never changes, each with why (said to a caller who names one, in their language).</param>
    public UpdateRule(MessageDescriptor request, IEnumerable<string> leaves, IReadOnlyDictionary<string, Text>? fixedFields = null)
    {
        Request = request;
        _maskField = request.FindFieldByName(MaskField) is { FieldType: FieldType.Message } mask && mask.MessageType == FieldMask.Descriptor
            ? mask
            : throw new ArgumentException($"{request.FullName} has no google.protobuf.FieldMask {MaskField}.", nameof(request));
        Fixed = fixedFields ?? new Dictionary<string, Text>();
        Leaves = leaves.SelectMany(Expand).ToList();
        _leafSet = Leaves.ToHashSet(StringComparer.Ordinal);
        foreach (var path in Leaves.Concat(Fixed.Keys))
            if (Field(path) is null) throw new ArgumentException($"{request.FullName} has no field {path}.", nameof(leaves));
        var roots = Leaves.Concat(Fixed.Keys).Select(p => p.Split('.')[0]).ToHashSet();
        Controls = request.Fields.InDeclarationOrder().Where(f => !roots.Contains(f.Name)).Select(f => f.Name).ToList();
    }

    public MessageDescriptor Request { get; }

    /// <summary>Every path this RPC changes, in declaration order.</summary>
    public IReadOnlyList<string> Leaves { get; }

    public IReadOnlyDictionary<string, Text> Fixed { get; }

    /// <summary>The request's fields that are not data: which record (<c>id</c>), the version read, the mask itself.</summary>
    public IReadOnlyList<string> Controls { get; }

    /// <summary>
    /// The leaves to change: the mask's paths expanded, else the REST body's fields (proto or JSON
    /// names), else the populated ones; INVALID_ARGUMENT naming each path that is no field, a fixed
    /// field or part of a leaf, and when nothing is left to change.
    /// </summary>
    public IReadOnlyList<string> Resolve(IMessage request, IReadOnlyList<string>? restBodyFields = null)
    {
        var violations = new List<FieldViolation>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        var mask = ((FieldMask?)_maskField.Accessor.GetValue(request))?.Paths;
        if (mask is { Count: > 0 })
        {
            foreach (var path in mask) Name(path.Trim(), explicitly: true, named, violations);
        }
        else if (restBodyFields is not null)
        {
            foreach (var path in restBodyFields.Select(ProtoPath).Where(p => !Controls.Contains(p.Split('.')[0])))
                Name(path, explicitly: false, named, violations);
        }
        else
        {
            foreach (var leaf in Leaves.Where(l => Populated(request, l))) named.Add(leaf);
        }
        if (violations.Count == 0 && named.Count == 0)
            violations.Add(new FieldViolation(MaskField, SharedMessages.MaskNamesNothing(Leaves[0], All)));
        if (violations.Count > 0) throw new RequestValidationException(violations);
        return Leaves.Where(named.Contains).ToList();
    }

    /// <summary>
    /// <paramref name="current"/> (the stored record, shaped as this request) with the leaves
    /// <paramref name="request"/>'s mask names and its control fields (id, version) taken from the
    /// request: what a full replacement would have sent. The handler then checks and applies it as before.
    /// </summary>
    public TRequest Apply<TRequest>(TRequest request, TRequest current) where TRequest : class, IMessage<TRequest>
    {
        if (request.Descriptor != Request) throw new ArgumentException($"This rule is for {Request.FullName}.", nameof(request));
        var leaves = Resolve(request);
        var merged = current.Clone();
        foreach (var path in Controls.Concat(leaves)) Copy(request, merged, path.Split('.'));
        _maskField.Accessor.SetValue(merged, new FieldMask { Paths = { leaves } });
        return merged;
    }

    private void Name(string path, bool explicitly, HashSet<string> named, List<FieldViolation> violations)
    {
        if (path == All && explicitly)
        {
            named.UnionWith(Leaves);
            return;
        }
        if (_leafSet.Contains(path))
        {
            named.Add(path);
            return;
        }
        if (Fixed.FirstOrDefault(
            f => path == f.Key || path.StartsWith(f.Key + ".", StringComparison.Ordinal)) is { Key: not null } fixedField)
        {
            violations.Add(new FieldViolation(MaskField, SharedMessages.FixedField(path, fixedField.Value)));
            return;
        }
        var under = Leaves.Where(l => l.StartsWith(path + ".", StringComparison.Ordinal)).ToList();
        if (under.Count > 0)
        {
            named.UnionWith(under); // a message above leaves: all of them (its fixed fields keep their values)
            return;
        }
        if (Leaves.FirstOrDefault(l => path.StartsWith(l + ".", StringComparison.Ordinal)) is { } leaf)
        {
            if (explicitly) violations.Add(new FieldViolation(MaskField, SharedMessages.PartOfLeaf(path, leaf)));
            else named.Add(leaf); // a REST body spells out the parts of what it sends
            return;
        }
        violations.Add(new FieldViolation(MaskField, Controls.Contains(path)
            ? SharedMessages.NotAFieldToChange(path)
            : SharedMessages.NotAFieldOf(path, Request.Name, string.Join(", ", Leaves))));
    }

    /// <summary>A path as proto names, from JSON names (<c>fields.specialNotes</c>) or proto names alike.</summary>
    private string ProtoPath(string path)
    {
        var message = Request;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length && message is not null; i++)
        {
            var field =
                message.FindFieldByName(parts[i]) ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == parts[i]);
            if (field is null) break;
            parts[i] = field.Name;
            message = field.FieldType == FieldType.Message && !field.IsRepeated ? field.MessageType : null;
        }
        return string.Join(".", parts);
    }

    private IEnumerable<string> Expand(string path)
    {
        if (!path.EndsWith(".*", StringComparison.Ordinal)) return [path];
        var parent = path[..^2];
        return Field(parent) is { FieldType: FieldType.Message, IsRepeated: false } message
            ? message.MessageType.Fields.InDeclarationOrder().Select(f => $"{parent}.{f.Name}").Where(p => !Fixed.ContainsKey(p))
            : throw new ArgumentException($"{Request.FullName}.{parent} is not a message field.", nameof(path));
    }

    private FieldDescriptor? Field(string path)
    {
        FieldDescriptor? field = null;
        var message = Request;
        foreach (var part in path.Split('.'))
        {
            if (message is null) return null;
            field = message.FindFieldByName(part);
            if (field is null) return null;
            message = field.FieldType == FieldType.Message && !field.IsRepeated ? field.MessageType : null;
        }
        return field;
    }

    /// <summary>Whether a gRPC caller without a mask gave the leaf a value: AIP-134's implied mask.</summary>
    private static bool Populated(IMessage message, string path)
    {
        var value = Get(message, path.Split('.'), out _);
        return value switch
        {
            null => false,
            IList list => list.Count > 0,
            string text => text.Length > 0,
            bool flag => flag,
            System.Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture) != 0,
            int or long or uint or ulong or float or double =>
                Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) != 0,
            ByteString bytes => !bytes.IsEmpty,
            _ => true, // a message that is set
        };
    }

    private static object? Get(IMessage message, string[] path, out FieldDescriptor leaf)
    {
        IMessage? at = message;
        leaf = null!;
        for (var i = 0; i < path.Length; i++)
        {
            leaf = at!.Descriptor.FindFieldByName(path[i]);
            var value = leaf.Accessor.GetValue(at);
            if (i == path.Length - 1) return value;
            at = value as IMessage;
            if (at is null) return null;
        }
        return null;
    }

    private static void Copy(IMessage from, IMessage to, string[] path)
    {
        var value = Get(from, path, out _);
        IMessage target = to;
        for (var i = 0; i < path.Length - 1; i++)
        {
            var field = target.Descriptor.FindFieldByName(path[i]);
            if (field.Accessor.GetValue(target) is not IMessage child)
            {
                child = field.MessageType.Parser.ParseFrom(ByteString.Empty);
                field.Accessor.SetValue(target, child);
            }
            target = child;
        }
        var leaf = target.Descriptor.FindFieldByName(path[^1]);
        if (leaf.IsRepeated)
        {
            var list = (IList)leaf.Accessor.GetValue(target);
            list.Clear();
            foreach (var item in (IList?)value ?? Array.Empty<object>()) list.Add(item);
        }
        else if (value is null)
        {
            leaf.Accessor.Clear(target);
        }
        else
        {
            leaf.Accessor.SetValue(target, value);
        }
    }
}
