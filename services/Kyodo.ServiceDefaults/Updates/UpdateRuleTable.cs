using Google.Protobuf.Reflection;

namespace Kyodo.ServiceDefaults.Updates;

/// <summary>
/// One table per gRPC service: the <see cref="UpdateRule"/> of each of its update RPCs, by method
/// name. Every method whose request has an <c>update_mask</c> must have one (checked here, at start):
/// a mask nobody resolves would be ignored, and an update would replace what the caller did not name.
/// </summary>
public sealed class UpdateRuleTable
{
    public UpdateRuleTable(ServiceDescriptor service, IReadOnlyDictionary<string, UpdateRule> rules)
    {
        Service = service;
        Rules = rules;
        foreach (var method in service.Methods)
        {
            var hasMask = method.InputType.FindFieldByName(UpdateRule.MaskField) is not null;
            var rule = rules.GetValueOrDefault(method.Name);
            if (hasMask && rule is null)
                throw new ArgumentException($"{method.FullName} takes an {UpdateRule.MaskField} but has no update rule.", nameof(rules));
            if (rule is not null && rule.Request != method.InputType)
                throw new ArgumentException($"The update rule of {method.FullName} is for {rule.Request.FullName}, not {method.InputType.FullName}.", nameof(rules));
        }
        foreach (var name in rules.Keys.Where(n => service.FindMethodByName(n) is null))
            throw new ArgumentException($"{service.FullName} has no method {name}.", nameof(rules));
    }

    public ServiceDescriptor Service { get; }

    public IReadOnlyDictionary<string, UpdateRule> Rules { get; }
}
