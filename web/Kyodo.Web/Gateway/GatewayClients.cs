using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Web.Hosting;
using Kyodo.Web.SignIn;
using Microsoft.AspNetCore.Authentication;

namespace Kyodo.Web.Gateway;

/// <summary>
/// The generated gRPC clients of the gateway, each call carrying the signed-in user's own token:
/// the services decide what the user may read and write, exactly as for any other caller. The
/// channel is cleartext h2c to the gateway inside the deployment (the same hop the gateway makes
/// to the services), hence UnsafeUseInsecureChannelCallCredentials.
/// </summary>
public static class GatewayClients
{
    /// <summary>The largest answer the app reads (a whole municipality's items); the gateway forwards what the services send.</summary>
    private const int MaxReceiveBytes = 16 * 1024 * 1024;

    public static IServiceCollection AddGatewayClients(this IServiceCollection services, WebOptions options)
    {
        services.AddHttpContextAccessor();
        services.AddUserClient<PlanService.PlanServiceClient>(options);
        services.AddUserClient<ReportingService.ReportingServiceClient>(options);
        services.AddUserClient<SubsidyService.SubsidyServiceClient>(options);
        return services;
    }

    private static void AddUserClient<TClient>(this IServiceCollection services, WebOptions options) where TClient : class =>
        services.AddGrpcClient<TClient>(o => o.Address = options.GatewayAddress)
            .ConfigureChannel(c =>
            {
                c.UnsafeUseInsecureChannelCallCredentials = true;
                c.MaxReceiveMessageSize = MaxReceiveBytes;
            })
            .AddCallCredentials(async (_, metadata, provider) =>
            {
                var context = provider.GetRequiredService<IHttpContextAccessor>().HttpContext;
                var token = context is null ? null : await context.GetTokenAsync(SignInSetup.Cookie, TokenClaims.AccessToken);
                if (!string.IsNullOrEmpty(token)) metadata.Add("authorization", "Bearer " + token);
            });
}
