using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.Data;

namespace Kyodo.Subsidy;

public static class SubsidyServiceExtensions
{
    /// <summary>The subsidy service's own registrations: its database (ConnectionStrings:Subsidy) and its bus with the outbox relay.</summary>
    public static WebApplicationBuilder AddSubsidyServices(this WebApplicationBuilder builder)
    {
        builder.AddKyodoDatabase<SubsidyDbContext>("Subsidy");
        builder.AddKyodoMessaging();
        builder.AddKyodoOutbox<SubsidyDbContext>();
        return builder;
    }
}
