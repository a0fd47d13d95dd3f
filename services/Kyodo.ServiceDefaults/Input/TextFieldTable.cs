using System.Collections;
using Google.Protobuf.Reflection;

namespace Kyodo.ServiceDefaults.Input;

/// <summary>
/// One table per gRPC service saying which <see cref="TextRule"/> each text field of its requests
/// follows (the rules themselves belong to the service's domain). Fields that <see cref="TextConventions"/>
/// cover (ids, municipality codes, fiscal years, page tokens) need no line. A field named by neither
/// gets <see cref="TextRule.Undeclared"/>, and <see cref="Undeclared"/> lists it, so a test fails
/// until someone decides what the field may hold.
/// </summary>
public sealed class TextFieldTable(ServiceDescriptor service) : IEnumerable<KeyValuePair<FieldDescriptor, TextRule>>
{
    private readonly Dictionary<FieldDescriptor, TextRule> _rules = [];

    public ServiceDescriptor Service { get; } = service;

    public IReadOnlyDictionary<FieldDescriptor, TextRule> Rules => _rules;

    /// <summary>Declares the rule of <paramref name="message"/>'s string field <paramref name="field"/> (proto name).</summary>
    public void Add(MessageDescriptor message, string field, TextRule rule)
    {
        var descriptor = message.FindFieldByName(field)
            ?? throw new ArgumentException($"{message.FullName} has no field '{field}'.", nameof(field));
        if (descriptor.FieldType != FieldType.String)
            throw new ArgumentException($"{descriptor.FullName} is not a string field.", nameof(field));
        if (!_rules.TryAdd(descriptor, rule))
            throw new ArgumentException($"{descriptor.FullName} is declared twice.", nameof(field));
    }

    /// <summary>Every string field reachable from this service's request messages.</summary>
    public IEnumerable<FieldDescriptor> RequestTextFields() =>
        Service.Methods.Select(m => m.InputType).SelectMany(StringFields).Distinct();

    /// <summary>Request text fields neither this table nor a convention covers.</summary>
    public IEnumerable<FieldDescriptor> Undeclared() =>
        RequestTextFields().Where(f => !_rules.ContainsKey(f) && TextConventions.For(f) is null);

    private static IEnumerable<FieldDescriptor> StringFields(MessageDescriptor root)
    {
        var seen = new HashSet<MessageDescriptor>();
        var pending = new Stack<MessageDescriptor>([root]);
        while (pending.TryPop(out var message))
        {
            if (!seen.Add(message)) continue;
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                if (field.FieldType == FieldType.String) yield return field;
                else if (field.FieldType == FieldType.Message) pending.Push(field.MessageType);
            }
        }
    }

    public IEnumerator<KeyValuePair<FieldDescriptor, TextRule>> GetEnumerator() => _rules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
