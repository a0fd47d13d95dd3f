using Kyodo.ServiceDefaults.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kyodo.Audit;

public static class AuditServiceExtensions
{
    /// <summary>
    /// Turns the audit trail on for a service whose model maps it (<see cref="AuditModelBuilderExtensions.AddAuditTrail"/>):
    /// <see cref="AuditInterceptor"/> joins the database's interceptors as a <see cref="ISameSaveWriter"/>, the place
    /// AddKyodoDatabase keeps for it, so its rows are added to every save before it runs, with the change and its events.
    /// </summary>
    public static WebApplicationBuilder AddKyodoAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor(); // the caller a change is recorded under
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISameSaveWriter, AuditInterceptor>());
        return builder;
    }
}
