using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Domain.Tests;

/// <summary>
/// What a rule's refusal looks like to a caller: a domain rule (FAILED_PRECONDITION) with its reason
/// and metadata, or a request's bad fields (INVALID_ARGUMENT) named one by one.
/// </summary>
internal static class Refusals
{
    public static DomainRuleException Rule(Action act) => Assert.Throws<DomainRuleException>(act);

    public static IReadOnlyList<string> Fields(Action act) =>
        Assert.Throws<RequestValidationException>(act).Violations.Select(v => v.Field).ToList();
}
