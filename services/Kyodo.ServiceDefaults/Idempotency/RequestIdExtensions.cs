using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.ServiceDefaults.Idempotency;

public static class RequestIdExtensions
{
    /// <summary>
    /// Keeps the answers of calls carrying a <c>request_id</c> in <typeparamref name="TContext"/>'s
    /// idempotency_records (its model must call <see cref="IdempotencyModel.AddIdempotencyRecords"/>).
    /// A service without it ignores request ids.
    /// </summary>
    public static WebApplicationBuilder AddKyodoRequestIds<TContext>(this WebApplicationBuilder builder) where TContext : DbContext
    {
        builder.Services.AddScoped(services => new RequestIds(services.GetRequiredService<TContext>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<Failpoints>()));
        return builder;
    }
}
