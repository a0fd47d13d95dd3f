using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Kyodo.ServiceDefaults.Updates;

/// <summary>
/// Before an update RPC's handler runs, turns its request's <c>update_mask</c> into the list of
/// leaves it changes (<see cref="UpdateRule.Resolve"/>): the mask as given, else for a REST PATCH
/// the fields its body holds, else the fields a gRPC caller populated. A path that names no field,
/// a field the RPC does not change, or nothing at all is INVALID_ARGUMENT here, before anything
/// is read or locked. Other methods pass through after one dictionary lookup.
/// </summary>
public sealed class UpdateMaskInterceptor(IEnumerable<UpdateRuleTable> tables) : Interceptor
{
    private readonly Dictionary<string, UpdateRule> _rules = tables
        .SelectMany(t => t.Rules.Select(r => (Path: $"/{t.Service.FullName}/{r.Key}", Rule: r.Value)))
        .ToDictionary(r => r.Path, r => r.Rule, StringComparer.Ordinal);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is IMessage message && _rules.TryGetValue(context.Method, out var rule))
        {
            var restFields = context.GetHttpContext().Items[RestBodyFields.ItemKey] as IReadOnlyList<string>;
            var leaves = rule.Resolve(message, restFields);
            message.Descriptor.FindFieldByName(UpdateRule.MaskField).Accessor.SetValue(message, new FieldMask { Paths = { leaves } });
        }
        return continuation(request, context);
    }
}
