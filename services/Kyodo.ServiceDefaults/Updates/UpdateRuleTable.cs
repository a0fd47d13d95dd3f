using Google.Protobuf.Reflection;

namespace Kyodo.ServiceDefaults.Updates;

/// <summary>
/// One table per gRPC service: the <see cref="UpdateRule"/> of each of its update RPCs, by method
/// name. Every method whose request has an <c>update_mask</c> must have one (checked here, at start):
/// a mask nobody resolves would be ignored, and an update would replace what the caller did not name.
/// A method whose handler reads its mask itself (paths relative to one field of its request, as the
/// evaluation RPCs have them) is named in <see cref="OwnMasks"/> with where it does so; the
/// interceptor leaves its mask alone.
/// </summary>
public sealed class UpdateRuleTable
{
    public UpdateRuleTable(ServiceDescriptor service, IReadOnlyDictionary<string, UpdateRule> rules,
        IReadOnlyDictionary<string, string>? ownMasks = null)
    {
        Service = service;
        Rules = rules;
        OwnMasks = ownMasks ?? new Dictionary<string, string>();
        foreach (var method in service.Methods)
        {
            var hasMask = method.InputType.FindFieldByName(UpdateRule.MaskField) is not null;
            var rule = rules.GetValueOrDefault(method.Name);
            if (hasMask && rule is null && !OwnMasks.ContainsKey(method.Name))
                throw new ArgumentException($"{method.FullName} takes an {UpdateRule.MaskField} but has no update rule.", nameof(rules));
            if (rule is not null && rule.Request != method.InputType)
                throw new ArgumentException($"The update rule of {method.FullName} is for {rule.Request.FullName}, not "
                    + $"{method.InputType.FullName}.", nameof(rules));
        }
        foreach (var name in rules.Keys.Intersect(OwnMasks.Keys))
            throw new ArgumentException($"{service.FullName}.{name} has an update rule and reads its mask itself.", nameof(ownMasks));
        foreach (var name in rules.Keys.Concat(OwnMasks.Keys).Where(n => service.FindMethodByName(n) is null))
            throw new ArgumentException($"{service.FullName} has no method {name}.", nameof(rules));
    }

    public ServiceDescriptor Service { get; }

    public IReadOnlyDictionary<string, UpdateRule> Rules { get; }

    /// <summary>Methods with an update_mask their handler reads itself, each with where.</summary>
    public IReadOnlyDictionary<string, string> OwnMasks { get; }
}
