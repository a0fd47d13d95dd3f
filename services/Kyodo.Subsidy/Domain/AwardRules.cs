using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Subsidy.Domain;

/// <summary>The rules of an award (DOMAIN.md, Subsidy): at most the course cap (when it has one) and at most what was asked.</summary>
public static class AwardRules
{
    public static void Check(Application application, Course course, long amountYen)
    {
        // A cap of 0 is a program that prints none (imported): the budget line is the only limit.
        if (course.CapYen > 0 && amountYen > course.CapYen)
            throw new DomainRuleException("ABOVE_COURSE_CAP", SubsidyErrors.AboveCourseCap(amountYen, course.Name, course.CapYen),
                new Dictionary<string, string> { ["cap_yen"] = course.CapYen.ToString() });
        // An amount asked for is known for every application submitted through the API; only recorded ones (never awarded here) lack one.
        if (application.RequestedYen is { } requested && amountYen > requested)
            throw new DomainRuleException("ABOVE_REQUESTED", SubsidyErrors.AboveRequested(amountYen, requested),
                new Dictionary<string, string> { ["requested_yen"] = requested.ToString() });
    }

    public static DomainRuleException AlreadyAwarded(Course course, Applicant applicant) =>
        new("ALREADY_AWARDED_IN_COURSE", SubsidyErrors.AlreadyAwarded(applicant.Name, course.Name));
}
