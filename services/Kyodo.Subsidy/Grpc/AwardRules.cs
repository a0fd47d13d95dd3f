using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Subsidy.Grpc;

/// <summary>The rules of an award (DOMAIN.md, Subsidy): at most the course cap (when it has one) and at most what was asked.</summary>
internal static class AwardRules
{
    public static void Check(Domain.Application application, Domain.Course course, long amountYen)
    {
        // A cap of 0 is a program that prints none (imported): the budget line is the only limit.
        if (course.CapYen > 0 && amountYen > course.CapYen)
            throw new DomainRuleException("ABOVE_COURSE_CAP", $"{amountYen:N0} yen is above the {course.Name} cap of {course.CapYen:N0} yen.",
                new Dictionary<string, string> { ["cap_yen"] = course.CapYen.ToString() });
        // An amount asked for is known for every application submitted through the API; only recorded ones (never awarded here) lack one.
        if (application.RequestedYen is { } requested && amountYen > requested)
            throw new DomainRuleException("ABOVE_REQUESTED", $"{amountYen:N0} yen is more than the {requested:N0} yen requested.",
                new Dictionary<string, string> { ["requested_yen"] = requested.ToString() });
    }

    public static DomainRuleException AlreadyAwarded(Domain.Course course, Domain.Applicant applicant) =>
        new("ALREADY_AWARDED_IN_COURSE", $"{applicant.Name} has already been awarded in course {course.Name} (1団体各コース1回まで).");
}
