using System.Collections;
using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.ServiceDefaults.Input;

/// <summary>
/// Checks every text field of every request against its <see cref="TextRule"/> before any handler
/// sees it, and answers INVALID_ARGUMENT naming each bad field (path, limit or character, never
/// the text). So no handler needs to remember a length, a NUL or a control character, and text
/// that could not be stored, exported or shown safely never gets in.
/// Cheap on purpose, since it runs on every call: the string fields of a message type are found
/// once (a walk of its descriptor) and cached, and a text is scanned once, vectorised, for any
/// character that needs a closer look; paths are only spelt out for a field that fails.
/// </summary>
public sealed class RequestTextInterceptor(IEnumerable<TextFieldTable> tables) : Interceptor
{
    /// <summary>Past this many bad fields the walk stops listing them (the answer would be cut anyway).</summary>
    private const int MaxListed = 100;

    private readonly Dictionary<FieldDescriptor, TextRule> _declared =
        tables.SelectMany(t => t.Rules).ToDictionary(r => r.Key, r => r.Value);
    private readonly ConcurrentDictionary<MessageDescriptor, MessagePlan> _plans = new();

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(request);
        return continuation(request, responseStream, context);
    }

    /// <summary>Throws INVALID_ARGUMENT listing every text field of <paramref name="request"/> that breaks its rule.</summary>
    public void Check(object request)
    {
        if (request is not IMessage message) return;
        List<FieldViolation>? violations = null;
        Walk(message, PlanFor(message.Descriptor), new PathBuilder(), ref violations);
        if (violations is not null) throw new RequestValidationException(violations);
    }

    private void Walk(IMessage message, MessagePlan plan, PathBuilder path, ref List<FieldViolation>? violations)
    {
        foreach (var (field, rule, nested) in plan.Fields)
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var list = (IList)value;
                for (var i = 0; i < list.Count; i++)
                {
                    path.Push(field.Name, i);
                    Visit(list[i], rule, nested, path, ref violations);
                    path.Pop();
                }
            }
            else if (value is not null)
            {
                path.Push(field.Name, -1);
                Visit(value, rule, nested, path, ref violations);
                path.Pop();
            }
        }
    }

    private void Visit(object? value, TextRule? rule, MessagePlan? nested, PathBuilder path, ref List<FieldViolation>? violations)
    {
        if (value is string text)
        {
            if (TextHygiene.Problem(text, rule!) is { } problem && (violations ??= []).Count < MaxListed)
                violations.Add(new FieldViolation(path.ToString(), problem));
        }
        else if (value is IMessage child && nested is not null)
        {
            Walk(child, nested, path, ref violations);
        }
    }

    private MessagePlan PlanFor(MessageDescriptor descriptor)
    {
        if (_plans.TryGetValue(descriptor, out var plan)) return plan;
        lock (_plans)
        {
            // Built whole before anyone sees it: the plans of a message and of the messages below it
            // (a message may contain itself, as ImportNode does), then published together.
            var building = new Dictionary<MessageDescriptor, MessagePlan>();
            Build(descriptor, building);
            foreach (var (built, builtPlan) in building) _plans.TryAdd(built, builtPlan);
            return _plans[descriptor];
        }
    }

    /// <summary>The fields worth visiting: strings, and messages that hold strings somewhere below.</summary>
    private MessagePlan Build(MessageDescriptor descriptor, Dictionary<MessageDescriptor, MessagePlan> building)
    {
        if (_plans.TryGetValue(descriptor, out var done)) return done;
        if (building.TryGetValue(descriptor, out var underway)) return underway;
        var plan = new MessagePlan();
        building[descriptor] = plan;
        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            if (field.FieldType == FieldType.String)
                plan.Fields.Add((field, RuleFor(field), null));
            else if (field.FieldType == FieldType.Message && !field.IsMap && HoldsText(field.MessageType, []))
                plan.Fields.Add((field, null, Build(field.MessageType, building)));
        }
        return plan;
    }

    public TextRule RuleFor(FieldDescriptor field) =>
        _declared.GetValueOrDefault(field) ?? TextConventions.For(field) ?? TextRule.Undeclared;

    private static bool HoldsText(MessageDescriptor message, HashSet<MessageDescriptor> seen) =>
        seen.Add(message) && message.Fields.InDeclarationOrder().Any(f =>
            f.FieldType == FieldType.String || (f.FieldType == FieldType.Message && !f.IsMap && HoldsText(f.MessageType, seen)));

    private sealed class MessagePlan
    {
        public List<(FieldDescriptor Field, TextRule? Rule, MessagePlan? Nested)> Fields { get; } = [];
    }

    /// <summary>The path to the field being visited, spelt out only for a violation: <c>items[3].fields.title</c>.</summary>
    private sealed class PathBuilder
    {
        private readonly List<(string Name, int Index)> _segments = [];

        public void Push(string name, int index) => _segments.Add((name, index));

        public void Pop() => _segments.RemoveAt(_segments.Count - 1);

        public override string ToString() =>
            string.Join(".", _segments.Select(s => s.Index < 0 ? s.Name : $"{s.Name}[{s.Index}]"));
    }
}
