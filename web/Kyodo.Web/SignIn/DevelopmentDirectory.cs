using Grpc.Core;
using Grpc.Net.Client;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Web.Hosting;

namespace Kyodo.Web.SignIn;

/// <summary>
/// The municipalities and departments the development sign-in offers, read through the gateway
/// with a short-lived read-only system token the app mints with the local key. Exists only in the
/// development mode: with OpenID Connect there is no key to mint with and this is never called.
/// </summary>
public sealed class DevelopmentDirectory(WebOptions options, SignInMode mode) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(options.GatewayAddress);

    public async Task<IReadOnlyList<MunicipalityRef>> MunicipalitiesAsync(CancellationToken cancellationToken)
    {
        var answer =
            await Plans().ListMunicipalitiesAsync(new ListMunicipalitiesRequest(), Headers(), cancellationToken: cancellationToken);
        return answer.Municipalities.OrderBy(m => m.Code, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<DepartmentRef>> DepartmentsAsync(string municipality, CancellationToken cancellationToken)
    {
        var answer = await Plans().ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = municipality }, Headers(),
            cancellationToken: cancellationToken);
        return answer.Departments.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    private PlanService.PlanServiceClient Plans() => new(_channel);

    private Metadata Headers()
    {
        if (!mode.IsDevelopment) throw new InvalidOperationException("The development directory is only for the development sign-in.");
        var token = TokenMinter.Mint(mode.Auth, new TokenRequest("kyodo-web-dev-signin", null, [KyodoRoles.System], null,
            [KyodoScopes.Read, KyodoScopes.AllMunicipalities])
        { Lifetime = TimeSpan.FromMinutes(1) });
        return new Metadata { { "authorization", "Bearer " + token } };
    }

    public void Dispose() => _channel.Dispose();
}
